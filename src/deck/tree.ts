// Deck names form a tree: `ja/cka/networking` is a deck in the folder `ja/cka`,
// itself in `ja`. Settings, daily limits, the home list and every deck filter
// walk this tree; they all do it through here, so they agree on what is inside
// what. Pure string work: names always use `/`, whatever the platform.

/** The deck itself, then each folder above it, nearest first: `a/b/c`, `a/b`, `a`. */
export function deckChain(deck: string): string[] {
  const chain: string[] = [];
  for (let name = deck; name !== ''; name = parentOf(name)) chain.push(name);
  return chain;
}

/** The folders above a deck, outermost first: `a/b/c` gives `a`, `a/b`. */
export function foldersAbove(deck: string): string[] {
  return deckChain(deck).slice(1).reverse();
}

/** The folder a deck or folder is in; '' at the top. */
export function parentOf(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? '' : name.slice(0, slash);
}

/** The last part of a name: `networking` for `ja/cka/networking`. */
export function leafName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** How deep a name sits: 0 at the top. */
export function depthOf(name: string): number {
  let depth = 0;
  for (const ch of name) if (ch === '/') depth++;
  return depth;
}

/** `ja` contains `ja/architecture`; a deck name contains itself. */
export function inDeck(deck: string, selected: string): boolean {
  return deck === selected || deck.startsWith(`${selected}/`);
}

/** The first value found walking up from the deck (the deck, then its folders): the nearest wins. */
export function nearest<T>(deck: string, lookup: (name: string) => T | undefined): T | undefined {
  for (const name of deckChain(deck)) {
    const value = lookup(name);
    if (value !== undefined) return value;
  }
  return undefined;
}
