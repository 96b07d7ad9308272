import { describe, expect, it } from 'vitest';
import { alertSeverityOf, incidentSeverity, symptomKind } from './symptoms.ts';

describe('symptoms', () => {
  it('sorts alertnames into origin, propagated, local and unknown symptoms', () => {
    expect(symptomKind('DatabaseConnectionsSaturated')).toBe('origin');
    expect(symptomKind('UpstreamTimeout')).toBe('propagated');
    expect(symptomKind('HealthCheckFlapping')).toBe('local');
    expect(symptomKind('KubeJobFailed')).toBe('other');
  });

  it('takes the worst alert severity, one step up when several services are hit', () => {
    expect(incidentSeverity(['warning', 'critical'], 1)).toBe('critical');
    expect(incidentSeverity(['warning'], 1)).toBe('medium');
    expect(incidentSeverity(['warning', 'warning'], 3)).toBe('high');
    expect(incidentSeverity(['info'], 1)).toBe('low');
    expect(incidentSeverity(['info'], 4)).toBe('medium');
  });

  it('reads an unknown severity label as a warning', () => {
    expect(alertSeverityOf('page')).toBe('warning');
    expect(alertSeverityOf(undefined)).toBe('warning');
    expect(alertSeverityOf('info')).toBe('info');
  });
});
