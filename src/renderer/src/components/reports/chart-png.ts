/**
 * A chart as a PNG: the SVGs of the chart (its value axis and its plot, side by side in the
 * page) placed in one SVG where the page shows them, with the colours and fonts the
 * stylesheet gave each element written onto it (a standalone SVG has no stylesheet), drawn on
 * a canvas at twice its size and downloaded.
 */
const STYLED = ['fill', 'stroke', 'stroke-width', 'font-size', 'font-family', 'opacity'] as const;

function inlineStyles(source: SVGSVGElement, copy: SVGSVGElement) {
  const from = source.querySelectorAll('*');
  const to = copy.querySelectorAll('*');
  from.forEach((element, i) => {
    const style = getComputedStyle(element);
    const target = to[i];
    if (!target) return;
    for (const property of STYLED) target.setAttribute(property, style.getPropertyValue(property));
  });
}

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * One standalone SVG of every SVG inside `container`, each nested where it is on screen (a
 * nested SVG resolves its percentages against its own width, as in the page).
 */
export function composeChartSvg(container: Element): {
  svg: SVGSVGElement;
  width: number;
  height: number;
} {
  const box = container.getBoundingClientRect();
  const whole = document.createElementNS(SVG_NS, 'svg');
  whole.setAttribute('xmlns', SVG_NS);
  whole.setAttribute('width', String(box.width));
  whole.setAttribute('height', String(box.height));
  for (const part of container.querySelectorAll<SVGSVGElement>(':scope svg')) {
    if (part.ownerSVGElement) continue;
    const at = part.getBoundingClientRect();
    const copy = part.cloneNode(true) as SVGSVGElement;
    inlineStyles(part, copy);
    copy.setAttribute('x', String(at.left - box.left));
    copy.setAttribute('y', String(at.top - box.top));
    copy.setAttribute('width', String(at.width));
    copy.setAttribute('height', String(at.height));
    whole.appendChild(copy);
  }
  return { svg: whole, width: box.width, height: box.height };
}

/** Draws the chart in `container` and downloads it as `fileName`; resolves once offered. */
export async function downloadChartPng(container: Element, fileName: string): Promise<void> {
  const { svg: copy, width, height } = composeChartSvg(container);
  const text = new XMLSerializer().serializeToString(copy);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * 2);
  canvas.height = Math.ceil(height * 2);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This window cannot draw images');
  context.fillStyle = getComputedStyle(container).getPropertyValue('--color-bg') || '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(2, 2);
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The chart could not be turned into an image');
  download(blob, fileName);
}
