// Chart.js, with only the parts the dashboard draws registered (smaller bundle).
import {
  Chart,
  LineController,
  BarController,
  LineElement,
  BarElement,
  PointElement,
  LinearScale,
  CategoryScale,
  Legend,
  Tooltip,
  Filler,
} from 'chart.js';

Chart.register(LineController, BarController, LineElement, BarElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip, Filler);
Chart.defaults.font.family = '"DejaVu Sans", "Segoe UI", system-ui, sans-serif';
Chart.defaults.color = '#24313a';
Chart.defaults.animation = false; // figures, not a show; also steadier screenshots

export const palette = {
  green: '#0b7a5b',
  greenLight: '#8fd19e',
  blue: '#2563a6',
  orange: '#d9822b',
  grey: '#8a98a3',
  red: '#b3261e',
};

const charts = new WeakMap();

// Draws a chart in a new canvas inside `container` and returns the container.
export function chart(container, config, label) {
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  container.append(canvas);
  charts.set(container, new Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, ...config.options } }));
  return container;
}
