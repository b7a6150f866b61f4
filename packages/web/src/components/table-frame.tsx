import type { ComponentChildren } from 'preact';

/**
 * The frame of a table: wider than a phone, the table scrolls sideways inside it, which the keyboard can do only once
 * the frame takes the focus (WCAG 2.1.1; axe's scrollable-region-focusable), so it is a named region in the tab order.
 */
export function TableFrame({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to be scrolled by keyboard.
    <section class="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
