import type { Kpis } from '../../api/schemas.ts';
import { DASH, formatCount, formatMinutes, formatPercent } from '../../lib/format.ts';

interface Card {
  label: string;
  value: string;
  note?: string;
  tone?: 'warn' | 'crit';
}

const cards = (k: Kpis): Card[] => [
  {
    label: 'Alerts received',
    value: formatCount(k.alertsReceived),
    note: `${formatCount(k.firingAlerts)} firing`,
  },
  {
    label: 'Incidents open',
    value: formatCount(k.incidentsOpen),
    note: `${formatCount(k.incidents)} opened · ${formatCount(k.incidentsResolved)} resolved`,
    ...(k.incidentsOpen > 0 ? { tone: 'warn' as const } : {}),
  },
  {
    label: 'Noise reduction',
    value: formatPercent(k.noiseReduction),
    note: 'alerts folded into incidents',
  },
  { label: 'MTTR', value: formatMinutes(k.mttrMinutes), note: 'virtual time to resolve' },
  { label: 'Actions run', value: formatCount(k.actionsRun) },
  {
    label: 'Actions blocked',
    value: formatCount(k.actionsBlocked),
    ...(k.actionsBlocked > 0 ? { tone: 'crit' as const } : {}),
  },
];

/** The headline numbers from GET /api/metrics; a dash where the server has none yet. */
export function KpiCards({ kpis }: { kpis: Kpis | undefined }) {
  const list = kpis
    ? cards(kpis)
    : [
        'Alerts received',
        'Incidents open',
        'Noise reduction',
        'MTTR',
        'Actions run',
        'Actions blocked',
      ].map((label) => ({ label, value: DASH }));
  return (
    <ul className="kpis" aria-label="Key figures">
      {list.map((c: Card) => (
        <li key={c.label} className={`kpi ${c.tone ? `kpi-${c.tone}` : ''}`}>
          <span className="kpi-label">{c.label}</span>
          <span className="kpi-value">{c.value}</span>
          {c.note && <span className="kpi-note">{c.note}</span>}
        </li>
      ))}
    </ul>
  );
}
