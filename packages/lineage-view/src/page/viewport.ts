/**
 * Zoom and pan of the graph: a transform on one <g>. Wheel zooms around the pointer, dragging the
 * background pans, and `focus` centres a box.
 */
export class Viewport {
  private x = 0;
  private y = 0;
  private k = 1;
  /** Set once the user zoomed or panned: from then on the view is theirs, and is not refitted. */
  touched = false;

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly layer: SVGGElement,
    private readonly content: () => { width: number; height: number },
  ) {
    svg.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const r = svg.getBoundingClientRect();
        this.zoomAt(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)), e.clientX - r.left, e.clientY - r.top);
      },
      { passive: false },
    );
    let drag: { x: number; y: number; px: number; py: number } | undefined;
    svg.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, px: this.x, py: this.y };
    });
    svg.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!svg.classList.contains('panning') && Math.hypot(dx, dy) < 4) return;
      svg.classList.add('panning');
      this.touched = true;
      svg.setPointerCapture(e.pointerId);
      this.x = drag.px + dx;
      this.y = drag.py + dy;
      this.apply();
    });
    const end = (): void => {
      drag = undefined;
      // Cleared after the click that ends a drag, so the drag does not also select a node.
      setTimeout(() => svg.classList.remove('panning'), 0);
    };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
  }

  get panning(): boolean {
    return this.svg.classList.contains('panning');
  }

  zoomAt(factor: number, cx: number, cy: number): void {
    this.touched = true;
    const k = Math.min(4, Math.max(0.05, this.k * factor));
    this.x = cx - ((cx - this.x) * k) / this.k;
    this.y = cy - ((cy - this.y) * k) / this.k;
    this.k = k;
    this.apply();
  }

  zoomBy(factor: number): void {
    const r = this.svg.getBoundingClientRect();
    this.zoomAt(factor, r.width / 2, r.height / 2);
  }

  /** Shows the whole graph, enlarged to at most 125 %. */
  fit(): void {
    this.touched = false;
    const r = this.svg.getBoundingClientRect();
    const { width, height } = this.content();
    const pad = 24;
    this.k = Math.min(1.25, (r.width - 2 * pad) / Math.max(width, 1), (r.height - 2 * pad) / Math.max(height, 1));
    this.x = (r.width - width * this.k) / 2;
    this.y = (r.height - height * this.k) / 2;
    this.apply();
  }

  /** Centres a box, zooming in to at least 60 % so it can be read. */
  focus(box: { x: number; y: number; width: number; height: number }): void {
    const r = this.svg.getBoundingClientRect();
    this.touched = true;
    this.k = Math.max(this.k, 0.6);
    this.x = r.width / 2 - (box.x + box.width / 2) * this.k;
    this.y = r.height / 2 - (box.y + box.height / 2) * this.k;
    this.apply();
  }

  /** Pans just enough to bring a box into view (after the details panel took part of the screen). */
  reveal(box: { x: number; y: number; width: number; height: number }): void {
    const r = this.svg.getBoundingClientRect();
    const left = box.x * this.k + this.x;
    const top = box.y * this.k + this.y;
    const right = left + box.width * this.k;
    const bottom = top + box.height * this.k;
    if (left >= 0 && top >= 0 && right <= r.width && bottom <= r.height) return;
    this.focus(box);
  }

  private apply(): void {
    this.layer.setAttribute('transform', `translate(${this.x.toFixed(1)},${this.y.toFixed(1)}) scale(${this.k.toFixed(4)})`);
  }
}
