// The light/dark toggle: the page follows the system until the reader presses it, then
// the choice is remembered (theme-init.js applies it before the next first paint).
const KEY = 'carnet-theme';
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

export function currentTheme() {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return systemDark.matches ? 'dark' : 'light';
}

// `button` is a toggle (aria-pressed: dark theme on).
export function initThemeToggle(button) {
  const sync = () => button.setAttribute('aria-pressed', String(currentTheme() === 'dark'));
  button.addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Not remembered, still applied.
    }
    sync();
  });
  systemDark.addEventListener('change', sync);
  sync();
}

export function paintThemeToggle(button, strings) {
  const label = button.querySelector('.tool-label');
  if (label) label.textContent = strings.theme_dark;
}
