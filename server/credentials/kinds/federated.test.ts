import { describe, expect, it } from 'vitest';
import { claimAt, globMatches } from './federated.js';

describe('federated subject and claim globs', () => {
  it('* is any run of characters (none, / and : included), ? exactly one, everything else itself', () => {
    expect(globMatches('repo:acme/*:ref:refs/heads/main', 'repo:acme/api:ref:refs/heads/main')).toBe(true);
    expect(globMatches('repo:acme/*:ref:refs/heads/main', 'repo:acme/a/b:ref:refs/heads/main')).toBe(true);
    expect(globMatches('repo:acme/*:ref:refs/heads/main', 'repo:acme/:ref:refs/heads/main')).toBe(true);
    expect(globMatches('repo:acme/*:ref:refs/heads/main', 'repo:acme/api:ref:refs/heads/main-2')).toBe(false);
    expect(globMatches('repo:acme/*:ref:refs/heads/main', 'xrepo:acme/api:ref:refs/heads/main')).toBe(false);
    expect(globMatches('v?', 'v1')).toBe(true);
    expect(globMatches('v?', 'v12')).toBe(false);
    expect(globMatches('v?', 'v')).toBe(false);
  });

  it('reads no pattern as a regular expression', () => {
    expect(globMatches('a.b', 'axb')).toBe(false);
    expect(globMatches('a.b', 'a.b')).toBe(true);
    expect(globMatches('(x+)+[y]|z', '(x+)+[y]|z')).toBe(true);
    expect(globMatches('(x+)+[y]|z', 'z')).toBe(false);
    expect(globMatches('^$\\{1}', '^$\\{1}')).toBe(true);
  });

  it('reaches into objects by a dotted path, claim names with dots included', () => {
    const claims = { 'kubernetes.io': { namespace: 'payments', serviceaccount: { name: 'worker' } }, ref: 'refs/heads/main' };
    expect(claimAt(claims, 'kubernetes.io.namespace')).toBe('payments');
    expect(claimAt(claims, 'kubernetes.io.serviceaccount.name')).toBe('worker');
    expect(claimAt(claims, 'ref')).toBe('refs/heads/main');
    expect(claimAt(claims, 'kubernetes.io.missing')).toBeUndefined();
    expect(claimAt(claims, 'ref.length')).toBeUndefined();
  });
});
