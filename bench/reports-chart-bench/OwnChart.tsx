// The app's chart (plain SVG laid out by d3-scale), under the harness's common name.
export { ReportChart as Chart } from '../../src/renderer/src/components/reports/ReportChart';
