// The member picker of the KUBE form: "Tambah" puts the person's NIK in the member list at once, without a
// round trip; Enter in the search box searches instead of submitting the form. Without this script both are
// ordinary form submissions that the server answers.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-add-nik]');
  if (!button) {
    return;
  }

  event.preventDefault();
  const list = document.querySelector('textarea[name="MemberNiks"]');
  const niks = list.value.split('\n').map((n) => n.trim()).filter((n) => n.length > 0);
  if (!niks.includes(button.dataset.addNik)) {
    niks.push(button.dataset.addNik);
  }

  list.value = niks.join('\n');
  button.disabled = true;
  button.textContent = 'Ditambahkan';
});

document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && event.target.matches('input[name="MemberQuery"]')) {
    event.preventDefault();
    if (window.htmx) {
      window.htmx.trigger(event.target, 'search');
    }
  }
});
