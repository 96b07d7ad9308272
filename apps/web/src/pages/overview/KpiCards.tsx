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
  {
    label: 'MTTR with agents',
    value: formatMinutes(k.mttrWithAgentsMinutes),
    note: `without agents ${formatMinutes(k.mttrWithoutAgentsMinutes)}`,
  },
  {
    label: 'Patch success',
    value: formatPercent(k.patchSuccess.rate, 0),
    note: `${formatCount(k.patchSuccess.completed)} completed · ${formatCount(k.patchSuccess.rolledBack)} rolled back · ${formatCount(k.patchSuccess.failed)} failed`,
  },
  {
    label: 'Awaiting approval',
    value: formatCount(k.awaitingApproval),
    note: 'recommended actions',
    ...(k.awaitingApproval > 0 ? { tone: 'warn' as const } : {}),
  },
  ...(k.liveCorrelation
    ? [
        {
          label: 'Correlation F1',
          value: formatPercent(k.liveCorrelation.f1, 0),
          note: `precision ${formatPercent(k.liveCorrelation.precision, 0)} · recall ${formatPercent(k.liveCorrelation.recall, 0)} (live)`,
        },
      ]
    : []),
];

const LABELS = [
  'Alerts received',
  'Incidents open',
  'Noise reduction',
  'MTTR',
  'Actions run',
  'Actions blocked',
  'MTTR with agents',
  'Patch success',
  'Awaiting approval',
];

/** The headline numbers from GET /api/metrics; a dash where the server has none yet. */
export function KpiCards({ kpis }: { kpis: Kpis | undefined }) {
  const list = kpis ? cards(kpis) : LABELS.map((label) => ({ label, value: DASH }));
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
