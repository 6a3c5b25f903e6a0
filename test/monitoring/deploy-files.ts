import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
export const ALERTS_PATH = 'deploy/prometheus/alerts.yml';
export const DASHBOARD_PATH = 'deploy/grafana/travel-supergraph.json';

/** One PromQL expression of a deploy file, and where it is (for failure messages). */
export interface Expression {
  where: string;
  expr: string;
}

/** `deploy/prometheus/alerts.yml` as YAML reads it (not yet validated). */
export function loadAlertRules(): any {
  return parse(readFileSync(new URL(ALERTS_PATH, root), 'utf8'));
}

/** The dashboard's JSON model. */
export function loadDashboard(): any {
  return JSON.parse(readFileSync(new URL(DASHBOARD_PATH, root), 'utf8'));
}

export function alertExpressions(rules = loadAlertRules()): Expression[] {
  return (rules.groups ?? []).flatMap((group: any) =>
    (group.rules ?? []).map((rule: any) => ({
      where: `${ALERTS_PATH} ${group.name}/${rule.alert ?? rule.record}`,
      expr: String(rule.expr),
    })),
  );
}

/** Every panel, those inside collapsed rows included. */
export function dashboardPanels(dashboard = loadDashboard()): any[] {
  return (dashboard.panels ?? []).flatMap((panel: any) => [panel, ...(panel.panels ?? [])]);
}

/**
 * Every query of the dashboard as Prometheus would receive it: Grafana's variables replaced
 * by what Grafana puts there (`$__rate_interval` a duration, `$operation` a regex), and the
 * variables' `label_values(selector, label)` queries reduced to their selector.
 */
export function dashboardExpressions(dashboard = loadDashboard()): Expression[] {
  const targets = dashboardPanels(dashboard).flatMap((panel: any) =>
    (panel.targets ?? []).map((target: any) => ({
      where: `${DASHBOARD_PATH} panel "${panel.title}" ${target.refId}`,
      expr: grafanaToPromQL(String(target.expr)),
    })),
  );
  const variables = (dashboard.templating?.list ?? [])
    .filter((variable: any) => variable.type === 'query')
    .map((variable: any) => {
      const query = String(variable.query?.query ?? variable.query);
      const selector = /^label_values\((.+),\s*\w+\)$/.exec(query)?.[1] ?? query;
      return { where: `${DASHBOARD_PATH} variable ${variable.name}`, expr: selector };
    });
  return [...targets, ...variables];
}

export function grafanaToPromQL(expr: string): string {
  return expr.replace(/\$__(rate_interval|interval|range)\b/g, '5m').replace(/\$\{?\w+\}?/g, '.*');
}
