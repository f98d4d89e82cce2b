// Remembers the person's light or dark choice for a year, so every page, static or interactive, renders in it.
export function remember(choice) {
  document.cookie = `Portal.Theme=${choice}; path=/; max-age=31536000; samesite=lax`;
}
