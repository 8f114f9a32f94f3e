// The reader's UI language switch: by default the UI speaks the language of the content
// shown (the core decides); pressing the switch picks the other language, remembered.
const KEY = 'carnet-ui-lang';

export function storedLanguage() {
  try {
    const lang = localStorage.getItem(KEY);
    return lang === 'fr' || lang === 'en' ? lang : '';
  } catch {
    return '';
  }
}

// `rerender()` repaints the current route after the core's language changed.
export function initLanguageSwitch(button, viewer, rerender) {
  viewer.setLanguage(storedLanguage());
  button.addEventListener('click', () => {
    const target = button.dataset.target;
    if (target !== 'fr' && target !== 'en') return;
    try {
      localStorage.setItem(KEY, target);
    } catch {
      // Applied for this visit only.
    }
    viewer.setLanguage(target);
    rerender();
    button.focus();
  });
}

// The switch names the other language in that language ("English", "Français").
export function paintLanguageSwitch(button, view) {
  const sw = view.language_switch;
  if (!sw) return;
  button.textContent = sw.target_name;
  button.lang = sw.target;
  button.dataset.target = sw.target;
  button.title = sw.label;
}
