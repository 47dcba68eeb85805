/**
 * A chart as a PNG: the SVG recharts drew, with the colours and fonts the stylesheet gave it
 * written onto each element (a standalone SVG has no stylesheet), drawn on a canvas at twice
 * its size and downloaded.
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

/** Draws the chart's SVG and downloads it as `fileName`; resolves once the file is offered. */
export async function downloadChartPng(svg: SVGSVGElement, fileName: string): Promise<void> {
  const { width, height } = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const text = new XMLSerializer().serializeToString(copy);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * 2);
  canvas.height = Math.ceil(height * 2);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This window cannot draw images');
  context.fillStyle = getComputedStyle(svg).getPropertyValue('--color-bg') || '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(2, 2);
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The chart could not be turned into an image');
  download(blob, fileName);
}
