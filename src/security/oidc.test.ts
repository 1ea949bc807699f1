import { createHmac, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signJwt, startTestProvider, type Claims, type TestProvider } from '../testing/oidc-provider.js';
import {
  clearOidcCaches, CLOCK_SKEW_SECONDS, codeChallenge, discover, finishAuthorization, oidcConfigFromEnv, oidcConfigured,
  OidcError, openPending, sealPending, startAuthorization, usernameFrom, verifyIdToken, type OidcConfig,
} from './oidc.js';

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;
const FULL = {
  THREADLINE_OIDC_ISSUER: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0/',
  THREADLINE_OIDC_CLIENT_ID: 'client',
  THREADLINE_OIDC_CLIENT_SECRET: 'secret',
  THREADLINE_OIDC_REDIRECT_URI: 'https://threadline.example.gov.uk/sign-in/oidc/callback',
};

describe('OpenID Connect configuration', () => {
  it('is off with no variables, complete with the four, and refuses half a configuration', () => {
    expect(oidcConfigFromEnv(env({}))).toBeNull();
    expect(oidcConfigured(env({}))).toBe(false);
    expect(oidcConfigFromEnv(env(FULL))).toEqual({
      issuer: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
      clientId: 'client', clientSecret: 'secret', redirectUri: FULL.THREADLINE_OIDC_REDIRECT_URI, usernameClaim: 'preferred_username',
    });
    expect(oidcConfigFromEnv(env({ ...FULL, THREADLINE_OIDC_USERNAME_CLAIM: 'email', THREADLINE_OIDC_TOKEN_AUTH_METHOD: 'client_secret_basic' })))
      .toMatchObject({ usernameClaim: 'email', tokenAuthMethod: 'client_secret_basic' });
    const { THREADLINE_OIDC_CLIENT_SECRET: _s, THREADLINE_OIDC_REDIRECT_URI: _r, ...half } = FULL;
    expect(() => oidcConfigFromEnv(env(half))).toThrow('set THREADLINE_OIDC_CLIENT_SECRET, THREADLINE_OIDC_REDIRECT_URI');
    expect(oidcConfigured(env(half))).toBe(false);
    expect(() => oidcConfigFromEnv(env({ ...FULL, THREADLINE_OIDC_ISSUER: 'http://login.example.com' }))).toThrow('must use https');
    expect(() => oidcConfigFromEnv(env({ ...FULL, THREADLINE_OIDC_REDIRECT_URI: '/sign-in/oidc/callback' }))).toThrow('not a web address');
    expect(() => oidcConfigFromEnv(env({ ...FULL, THREADLINE_OIDC_TOKEN_AUTH_METHOD: 'private_key_jwt' }))).toThrow('client_secret_post or client_secret_basic');
    expect(oidcConfigFromEnv(env({ ...FULL, THREADLINE_OIDC_ISSUER: 'http://127.0.0.1:8080' }))?.issuer).toBe('http://127.0.0.1:8080');
  });
});

describe('OpenID Connect flow and ID token checks', () => {
  let idp: TestProvider;
  let config: OidcConfig;
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Claims = {}): Claims => ({ iss: idp.issuer, aud: idp.clientId, sub: 'abc', iat: now(), exp: now() + 300, nonce: 'n-1', ...extra });
  const expectations = () => ({ issuer: idp.issuer, clientId: idp.clientId, nonce: 'n-1', jwksUri: `${idp.issuer}/jwks` });
  const refusal = async (token: string) => {
    try {
      await verifyIdToken(token, expectations());
    } catch (e) {
      expect(e).toBeInstanceOf(OidcError);
      return (e as OidcError).message;
    }
    throw new Error('the token was accepted');
  };

  beforeAll(async () => {
    idp = await startTestProvider({ authMethods: ['client_secret_basic'] });
    idp.redirectUri = 'http://127.0.0.1:1/sign-in/oidc/callback';
    config = { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, redirectUri: idp.redirectUri, usernameClaim: 'preferred_username' };
  });
  beforeEach(() => clearOidcCaches());
  afterAll(() => idp.close());

  it('discovers the provider, and refuses a discovery document naming another issuer', async () => {
    expect((await discover(idp.issuer)).token_endpoint).toBe(`${idp.issuer}/token`);
    await expect(discover(`${idp.issuer}/nothing-here`)).rejects.toThrow('did not send JSON (HTTP 404)');
    clearOidcCaches();
    idp.advertisedIssuer = 'https://login.example.com/{tenantid}/v2.0';
    try {
      await expect(discover(idp.issuer)).rejects.toThrow(`names the issuer "https://login.example.com/{tenantid}/v2.0", not "${idp.issuer}"`);
    } finally {
      idp.advertisedIssuer = idp.issuer;
    }
  });

  it('asks for a code with a PKCE S256 challenge, and completes with client_secret_basic when that is all the provider lists', async () => {
    const { url, pending } = await startAuthorization(config);
    const u = new URL(url);
    expect(u.searchParams.get('code_challenge')).toBe(codeChallenge(pending.codeVerifier));
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'); // RFC 7636 appendix B
    expect(u.searchParams.get('nonce')).toBe(pending.nonce);
    idp.user = { preferred_username: 'Sam@Council.gov.uk' };
    const back = new URL((await fetch(u, { redirect: 'manual' })).headers.get('location')!);
    const params = { code: back.searchParams.get('code')!, state: back.searchParams.get('state')! };
    await expect(finishAuthorization(config, { ...params, state: 'other' }, pending)).rejects.toThrow('state');
    const done = await finishAuthorization(config, params, pending);
    expect(done.username).toBe('sam@council.gov.uk');
    expect(idp.tokenRequests.at(-1)).toEqual({ auth: 'client_secret_basic', error: null });
    // The same code again: refused by the provider.
    await expect(finishAuthorization(config, params, pending)).rejects.toThrow('invalid_grant');
    // A wrong client secret: refused by the provider.
    const again = await startAuthorization(config);
    const back2 = new URL((await fetch(again.url, { redirect: 'manual' })).headers.get('location')!);
    const wrongSecret = { ...config, clientSecret: 'not-the-secret' };
    await expect(finishAuthorization(wrongSecret, { code: back2.searchParams.get('code')!, state: again.pending.state }, again.pending))
      .rejects.toThrow('invalid_client');
  });

  it('accepts a good token, and a token just past its expiry within the allowed clock difference', async () => {
    expect((await verifyIdToken(idp.signToken(claims()), expectations())).sub).toBe('abc');
    expect(await verifyIdToken(idp.signToken(claims({ aud: ['other', idp.clientId], azp: idp.clientId })), expectations())).toBeTruthy();
    expect(await verifyIdToken(idp.signToken(claims({ exp: now() - CLOCK_SKEW_SECONDS + 10 })), expectations())).toBeTruthy();
    expect(await refusal(idp.signToken(claims({ exp: now() - CLOCK_SKEW_SECONDS - 10 })))).toContain('has expired');
  });

  it('refuses tokens that are unsigned, signed with HMAC, malformed or with the wrong claims', async () => {
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const good = idp.signToken(claims());
    const [h, p, s] = good.split('.') as [string, string, string];
    expect(await refusal(`${part({ alg: 'none' })}.${p}.`)).toContain('"none"');
    // HS256 with the public key as the HMAC secret (the classic algorithm confusion attack).
    const jwks = await (await fetch(`${idp.issuer}/jwks`)).json() as { keys: { kid: string }[] };
    const hs = `${part({ alg: 'HS256', kid: jwks.keys[0]!.kid })}.${p}`;
    expect(await refusal(`${hs}.${createHmac('sha256', JSON.stringify(jwks.keys[0])).update(hs).digest('base64url')}`)).toContain('only RS256');
    expect(await refusal(`${h}.${p}`)).toContain('three parts');
    expect(await refusal(`${h}.${p}.${s}=`)).toContain('base64url');
    expect(await refusal(`${h}.${part({ ...claims(), sub: 'someone-else' })}.${s}`)).toContain('signature is not valid');
    expect(await refusal(idp.signToken(claims({ aud: ['other', idp.clientId] })))).toContain('several audiences');
    expect(await refusal(idp.signToken(claims({ azp: 'other' })))).toContain('another application');
    expect(await refusal(idp.signToken(claims({ iat: undefined })))).toContain('no issue time');
    expect(await refusal(idp.signToken(claims({ nbf: now() + 600 })))).toContain('not valid yet');
    expect(await refusal(idp.signToken(claims({ sub: '' })))).toContain('no subject');
    expect(await refusal(idp.signToken(claims(), { crit: ['exp'] }))).toContain('critical');
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(await refusal(signJwt({ alg: 'RS256', kid: 'unknown-kid' }, claims(), stranger))).toContain('key ("unknown-kid") the identity provider does not publish');
  });

  it('fetches the keys again when a token names a new key (key rotation), and uses the cache otherwise', async () => {
    await verifyIdToken(idp.signToken(claims()), expectations());
    const fetched = idp.jwksRequests;
    await verifyIdToken(idp.signToken(claims()), expectations());
    expect(idp.jwksRequests).toBe(fetched);
    idp.rotateKey(false);
    await verifyIdToken(idp.signToken(claims()), expectations());
    expect(idp.jwksRequests).toBe(fetched + 1);
  });

  it('takes the user name from the configured claim, then email, lower-cased; never an unverified email', () => {
    expect(usernameFrom({ preferred_username: ' Jo@Council.gov.uk ' }, 'preferred_username')).toBe('jo@council.gov.uk');
    expect(usernameFrom({ email: 'Jo@Council.gov.uk' }, 'preferred_username')).toBe('jo@council.gov.uk');
    expect(usernameFrom({ upn: 'JO', email: 'x@y' }, 'upn')).toBe('jo');
    expect(() => usernameFrom({ email: 'jo@council.gov.uk', email_verified: false }, 'preferred_username')).toThrow('not verified');
    expect(() => usernameFrom({ name: 'Jo' }, 'preferred_username')).toThrow('neither a preferred_username nor an email');
  });

  it('seals the pending sign-in so it can not be read, changed, used with another configuration, or used late', () => {
    const pending = { state: 's', nonce: 'n', codeVerifier: 'v' };
    const t = Date.now();
    const sealed = sealPending(config, pending, '/children', t);
    expect(openPending(config, sealed, t + 60_000)).toEqual({ ...pending, next: '/children' });
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('/children');
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    expect(openPending(config, bytes.toString('base64url'), t)).toBeNull();
    expect(openPending({ ...config, clientSecret: 'another' }, sealed, t)).toBeNull();
    expect(openPending({ ...config, clientId: 'another' }, sealed, t)).toBeNull();
    expect(openPending(config, sealed, t + 11 * 60_000)).toBeNull();
    expect(openPending(config, 'rubbish', t)).toBeNull();
    expect(openPending(config, undefined, t)).toBeNull();
  });
});
