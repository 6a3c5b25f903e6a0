import { describe, expect, it } from 'vitest';
import {
  DASHBOARD_PATH,
  dashboardExpressions,
  dashboardPanels,
  grafanaToPromQL,
  loadDashboard,
} from './deploy-files.ts';
import { parsePromQL } from './promql.ts';

const dashboard = loadDashboard();
// Grafana's syntax for the datasource variable, not a template literal.
const DATASOURCE = { type: 'prometheus', uid: ['$', '{datasource}'].join('') };

describe(DASHBOARD_PATH, () => {
  it('is a dashboard with a Prometheus datasource variable', () => {
    expect(dashboard).toMatchObject({ title: expect.any(String), uid: expect.any(String) });
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const variable = dashboard.templating.list.find((v: any) => v.type === 'datasource');
    expect(variable).toMatchObject({ name: 'datasource', query: 'prometheus' });
  });

  it('has panels with unique ids that do not overlap', () => {
    const panels = dashboardPanels(dashboard);
    expect(panels.length).toBeGreaterThan(10);
    const ids = panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const { gridPos, title } of panels) {
      expect(gridPos.x + gridPos.w, title).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `${title} overlaps another panel`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('queries the datasource variable from every panel and target', () => {
    const panels = dashboardPanels(dashboard).filter((panel) => panel.type !== 'row');
    for (const panel of panels) {
      expect(panel.datasource, panel.title).toEqual(DATASOURCE);
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets) {
        expect(target.datasource, panel.title).toEqual(DATASOURCE);
        expect(target.expr, panel.title).toEqual(expect.any(String));
      }
    }
    for (const variable of dashboard.templating.list.filter((v: any) => v.type === 'query')) {
      expect(variable.datasource, variable.name).toEqual(DATASOURCE);
    }
  });

  it('shows what issue 13 asks an operator to see', () => {
    const exprs = dashboardExpressions(dashboard)
      .map((e) => e.expr)
      .join('\n');
    for (const metric of [
      'graphql_request_duration_seconds_count',
      'graphql_request_duration_seconds_bucket',
      'graphql_request_errors_total',
      'subgraph_fetch_duration_seconds_bucket',
      'subgraph_fetch_errors_total',
      'response_cache_hits_total',
      'rate_limit_refused_total',
      'graphql_ws_connections',
      'graphql_subscriptions_active',
      'redis_fallbacks_total',
      'bookings_created_total',
      'bookings_confirmed_total',
      'bookings_cancelled_total',
      'booking_failures_total',
    ]) {
      expect(exprs).toContain(metric);
    }
    expect(exprs).toMatch(/by \(operation_name\)/);
    expect(exprs).toMatch(/by \(client_name\)/);
  });

  it.each(dashboardExpressions(dashboard).map((e) => [e.where, e.expr]))(
    '%s is valid PromQL',
    (_where, expr) => {
      const parsed = parsePromQL(expr);
      expect(parsed.errors).toEqual([]);
      expect(parsed.selectors.length).toBeGreaterThan(0);
    },
  );

  it("replaces Grafana's variables the way Grafana does before Prometheus sees them", () => {
    expect(grafanaToPromQL('rate(x{a=~"$operation"}[$__rate_interval])')).toBe(
      'rate(x{a=~".*"}[5m])',
    );
    expect(parsePromQL('rate(x{a=~"$operation"}[$__rate_interval])').errors).not.toEqual([]);
  });
});
