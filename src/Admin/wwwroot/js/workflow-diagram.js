// Draws the workflow page's diagram from the Mermaid text the server wrote into #diagram-source.
// Without scripts, or if drawing fails, the text stays where it is.
(async () => {
  const source = document.getElementById('diagram-source');
  // window.mermaid is the library, not the element with id "mermaid" (ids are globals too).
  if (!source || typeof window.mermaid?.render !== 'function') return;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral', fontFamily: 'system-ui, sans-serif' });
  try {
    const { svg } = await mermaid.render('workflow-diagram-svg', source.textContent);
    const picture = document.createElement('div');
    picture.className = 'diagram-picture';
    picture.setAttribute('role', 'img');
    picture.setAttribute('aria-label', 'Diagram alur kerja');
    picture.innerHTML = svg;
    source.replaceWith(picture);
  } catch {
    source.insertAdjacentHTML('beforebegin', '<p class="muted">Diagram tidak dapat digambar; berikut teksnya.</p>');
  }
})();
