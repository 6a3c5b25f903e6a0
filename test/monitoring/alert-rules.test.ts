import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALERTS_PATH, alertExpressions, loadAlertRules } from './deploy-files.ts';
import { parsePromQL } from './promql.ts';

// What `promtool check rules` holds an alerting rule to, and what this project adds to it:
// a `for:`, a severity, and a summary, description and runbook in the README for every alert.
const RULE_KEYS = new Set(['alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
const SEVERITIES = new Set(['critical', 'warning']);
/** The alerts issue 13 asks for, by what they watch. */
const REQUIRED_ALERTS = [
  'RouterErrorRateHigh',
  'RouterLatencyP99High',
  'BookingFailureRateHigh',
  'SubgraphDown',
  'RedisDown',
  'ResponseCacheHitRatioCollapsed',
];

/** `RouterLatencyP99High` → `router-latency-p99-high`: the README heading's anchor. */
const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** GitHub's anchor of a README heading: lower case, spaces to dashes, punctuation dropped. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');
const readmeAnchors = new Set(
  readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => anchorOf(line.replace(/^#+ /, ''))),
);

const rules = loadAlertRules();
const alerts: any[] = rules.groups.flatMap((group: any) => group.rules);

describe(ALERTS_PATH, () => {
  it('is a list of named groups of rules', () => {
    expect(Object.keys(rules)).toEqual(['groups']);
    expect(rules.groups.length).toBeGreaterThan(0);
    const names = rules.groups.map((group: any) => group.name);
    expect(new Set(names).size).toBe(names.length);
    for (const group of rules.groups) {
      expect(typeof group.name).toBe('string');
      expect(Array.isArray(group.rules) && group.rules.length > 0).toBe(true);
    }
  });

  it('has the alerts an operator needs, each named once', () => {
    const names = alerts.map((rule) => rule.alert);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(REQUIRED_ALERTS));
  });

  it.each(alerts.map((rule) => [rule.alert, rule]))(
    '%s is a complete alerting rule',
    (name, rule) => {
      expect(name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      for (const key of Object.keys(rule)) expect(RULE_KEYS, `unknown field ${key}`).toContain(key);
      expect(rule.for).toMatch(DURATION);
      expect(SEVERITIES).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toEqual(expect.any(String));
      expect(rule.annotations?.description).toEqual(expect.any(String));
      expect(rule.annotations.runbook_url).toBe(`README.md#runbook-${kebab(name)}`);
      // The runbook the link promises is written.
      expect(readmeAnchors).toContain(`runbook-${kebab(name)}`);
      for (const text of Object.values<string>(rule.annotations)) {
        // Go templates: every {{ opened is closed.
        expect(text.split('{{').length).toBe(text.split('}}').length);
      }
    },
  );

  it.each(alertExpressions(rules).map((e) => [e.where, e.expr]))(
    '%s: the expression is valid PromQL',
    (_where, expr) => {
      const parsed = parsePromQL(expr);
      expect(parsed.errors).toEqual([]);
      expect(parsed.selectors.length).toBeGreaterThan(0);
    },
  );
});

describe('the PromQL check', () => {
  it('can fail: broken expressions are reported', () => {
    expect(parsePromQL('sum(rate(x_total[5m])').errors).not.toEqual([]);
    expect(parsePromQL('rate(x_total{a="b"}[5m]) >').errors).not.toEqual([]);
    expect(
      parsePromQL('histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))').errors,
    ).toEqual([]);
  });

  it('lists every selector with the labels it matches on', () => {
    expect(
      parsePromQL('sum by (s) (rate(a_total{b="1", c=~"2"}[5m])) / up{job="r"}').selectors,
    ).toEqual([
      { metric: 'a_total', labels: ['b', 'c'] },
      { metric: 'up', labels: ['job'] },
    ]);
  });
});
