import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * The frame of a data table: a table wider than its area (e.g. on a phone) scrolls sideways inside it, never the page
 * (styles.css, .table-scroll). While it does, the frame is a named region that takes keyboard focus, so the arrow keys
 * can scroll it too; a table that fits adds no tab stop.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);

  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const measure = () => setScrolls(frame.scrollWidth > frame.clientWidth);
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    if (frame.firstElementChild) observer.observe(frame.firstElementChild);
    measure();
    return () => observer.disconnect();
  }, []);

  return (
    <div ref={ref} className="table-scroll" {...(scrolls ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}>
      {children}
    </div>
  );
}
