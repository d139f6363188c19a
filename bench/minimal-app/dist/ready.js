// The frame that paints the page starts: reported as StarDesk reports its first rows
// (one requestAnimationFrame after they are in the DOM).
requestAnimationFrame(() => window.__TAURI__.core.invoke('ready'));
