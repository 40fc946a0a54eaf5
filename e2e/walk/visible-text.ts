import type { Page } from "@playwright/test";

// What a person reads on the page: visible text and placeholders, outside what is marked as
// data (translate="no": names, images, YAML, what Kubernetes said, keys shown as hints) and
// outside form values and code.
export type Piece = { text: string; where: string };

export async function visibleText(page: Page): Promise<Piece[]> {
  return page.evaluate(() => {
    const EXEMPT = '[translate="no"], script, style, noscript, code, pre, kbd, samp, textarea, select, input, svg';
    const pieces: { text: string; where: string }[] = [];
    const where = (element: Element) => {
      const marked = element.closest("[data-testid], h1, h2, h3, label, button, th, td, li, p");
      const id = marked?.getAttribute("data-testid");
      return `${marked?.tagName.toLowerCase() ?? element.tagName.toLowerCase()}${id ? `[${id}]` : ""}`;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!parent || !text || parent.closest(EXEMPT)) continue;
      if (!parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      pieces.push({ text, where: where(parent) });
    }
    for (const input of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
      "input[placeholder], textarea[placeholder]",
    )) {
      if (input.closest('[translate="no"]') || !input.checkVisibility()) continue;
      pieces.push({ text: input.placeholder, where: `placeholder of #${input.id || input.name}` });
    }
    return pieces;
  });
}
