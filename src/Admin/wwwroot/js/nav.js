// The menu button of a narrow screen: opens and closes the menu (all Bootstrap's collapse does here, without its bundle).
document.querySelectorAll('.navbar-toggler').forEach(button => {
  const menu = document.getElementById(button.getAttribute('aria-controls'));
  button.addEventListener('click', () => {
    const open = menu.classList.toggle('show');
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', open ? 'Tutup menu' : 'Buka menu');
  });
});
