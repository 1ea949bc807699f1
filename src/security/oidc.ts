/**
 * OpenID Connect sign-in with an authority's identity provider (for example Microsoft Entra ID): the
 * authorization code flow with PKCE (S256), `state` and `nonce`, and ID tokens checked with node:crypto
 * alone (RS256 signature against the provider's published keys, issuer, audience, expiry, issue time, nonce).
 * Nothing here knows about Express: the web routes are in src/web/routes/oidc.ts.
 *
 * Configuration (environment variables, read each time they are needed, so no restart is needed to test a
 * change; sign-in with an organisation's account is switched on only when the first four are all set):
 *
 *   THREADLINE_OIDC_ISSUER          the provider's issuer; its discovery document must be at
 *                                   <issuer>/.well-known/openid-configuration and name the same issuer
 *   THREADLINE_OIDC_CLIENT_ID       the client (application) id registered with the provider
 *   THREADLINE_OIDC_CLIENT_SECRET   the client secret (also the key that seals the short-lived sign-in cookie)
 *   THREADLINE_OIDC_REDIRECT_URI    https://<threadline address>/sign-in/oidc/callback, exactly as registered
 *   THREADLINE_OIDC_USERNAME_CLAIM  optional: the ID token claim matched (lower-cased) to a Threadline user
 *                                   name; default preferred_username, falling back to email when it is absent
 *   THREADLINE_OIDC_TOKEN_AUTH_METHOD optional: client_secret_post or client_secret_basic; by default
 *                                   client_secret_post when the provider lists it, otherwise client_secret_basic
 *
 * Microsoft Entra ID:
 *   1. In the Entra admin centre, App registrations > New registration: single tenant ("Accounts in this
 *      organizational directory only"). Redirect URI: platform "Web", value
 *      https://threadline.example.gov.uk/sign-in/oidc/callback (it must equal THREADLINE_OIDC_REDIRECT_URI
 *      character for character; http is accepted by Entra only for localhost).
 *   2. Certificates & secrets > New client secret: put its Value (not its Secret ID) in
 *      THREADLINE_OIDC_CLIENT_SECRET. Entra secrets expire: diary the renewal.
 *   3. THREADLINE_OIDC_ISSUER=https://login.microsoftonline.com/<tenant>/v2.0, where <tenant> is the
 *      Directory (tenant) ID, a GUID, from the app's Overview page. Do not use "common" or "organizations"
 *      (their discovery document's issuer holds a {tenantid} placeholder and is refused) and do not use the
 *      tenant's domain name (Entra's issuer always holds the GUID, so the issuer check would fail).
 *      THREADLINE_OIDC_CLIENT_ID is the Application (client) ID from the same page.
 *   4. User names: Entra puts the user principal name (e.g. jo.bloggs@council.gov.uk) in preferred_username,
 *      so each Threadline user name must be that UPN. To use the email claim instead, add it under Token
 *      configuration > Add optional claim > ID > email, and set THREADLINE_OIDC_USERNAME_CLAIM=email. An
 *      ID token with email_verified=false is refused. Threadline never creates users from sign-in: an
 *      administrator creates each user, with their role, first.
 *   The token endpoint accepts both client_secret_post and client_secret_basic; the scopes asked for are
 *   "openid profile email", which need no admin consent.
 */
import {
  createCipheriv, createDecipheriv, createHash, createPublicKey, hkdfSync, randomBytes, timingSafeEqual, verify,
  type JsonWebKey, type KeyObject,
} from 'node:crypto';

export type TokenAuthMethod = 'client_secret_post' | 'client_secret_basic';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The ID token claim holding the Threadline user name (email is tried when it is absent). */
  usernameClaim: string;
  /** How the client authenticates at the token endpoint; chosen from the discovery document when not given. */
  tokenAuthMethod?: TokenAuthMethod;
}

/**
 * What went wrong, for the web routes to choose a status: `config` (Threadline is set up wrongly),
 * `provider` (the identity provider could not be reached or sent something unusable), `callback` (the
 * browser came back without a sign-in we started: missing or wrong state, expired cookie), `refused` (the
 * provider refused the sign-in or the code), `token` (the ID token failed a check).
 */
export type OidcFailure = 'config' | 'provider' | 'callback' | 'refused' | 'token';

export class OidcError extends Error {
  constructor(readonly failure: OidcFailure, message: string) {
    super(message);
    this.name = 'OidcError';
  }
}

/** Seconds of clock difference allowed between Threadline and the identity provider. */
export const CLOCK_SKEW_SECONDS = 60;
/** How long someone has to sign in at the provider and come back. */
export const FLOW_MINUTES = 10;
const FETCH_TIMEOUT_MS = 10_000;
const CACHE_MS = 60 * 60_000;

const ENV = {
  issuer: 'THREADLINE_OIDC_ISSUER',
  clientId: 'THREADLINE_OIDC_CLIENT_ID',
  clientSecret: 'THREADLINE_OIDC_CLIENT_SECRET',
  redirectUri: 'THREADLINE_OIDC_REDIRECT_URI',
} as const;

/**
 * The configuration from the environment; null when none of the four required variables is set. Throws
 * OidcError('config') when only some are set, or a value is not usable.
 */
export function oidcConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OidcConfig | null {
  const values = Object.fromEntries(Object.entries(ENV).map(([k, name]) => [k, env[name]?.trim() ?? ''])) as Record<keyof typeof ENV, string>;
  const missing = Object.entries(ENV).filter(([k]) => !values[k as keyof typeof ENV]).map(([, name]) => name);
  if (missing.length === Object.keys(ENV).length) return null;
  if (missing.length) throw new OidcError('config', `OpenID Connect is partly configured: set ${missing.join(', ')}`);
  const issuer = values.issuer.replace(/\/+$/, '');
  checkUrl(issuer, ENV.issuer, 'config');
  checkUrl(values.redirectUri, ENV.redirectUri, 'config');
  const method = env.THREADLINE_OIDC_TOKEN_AUTH_METHOD?.trim() || undefined;
  if (method !== undefined && method !== 'client_secret_post' && method !== 'client_secret_basic') {
    throw new OidcError('config', `THREADLINE_OIDC_TOKEN_AUTH_METHOD must be client_secret_post or client_secret_basic, not "${method}"`);
  }
  return {
    issuer,
    clientId: values.clientId,
    clientSecret: values.clientSecret,
    redirectUri: values.redirectUri,
    usernameClaim: env.THREADLINE_OIDC_USERNAME_CLAIM?.trim() || 'preferred_username',
    ...(method !== undefined ? { tokenAuthMethod: method } : {}),
  };
}

/** True when sign-in with an organisation's account is fully configured (false, not an error, when set up wrongly). */
export function oidcConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    return oidcConfigFromEnv(env) !== null;
  } catch {
    return false;
  }
}

/** https everywhere, except http to this machine (for tests and local development). */
function checkUrl(value: string, what: string, failure: OidcFailure): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OidcError(failure, `${what} is not a web address: "${value}"`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new OidcError(failure, `${what} must use https: "${value}"`);
  }
  return url;
}

// ---------------------------------------------------------------------------------------------------------
// Discovery and keys

export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  token_endpoint_auth_methods_supported?: string[];
  code_challenge_methods_supported?: string[];
  id_token_signing_alg_values_supported?: string[];
}

const discoveryCache = new Map<string, { at: number; metadata: ProviderMetadata }>();
const jwksCache = new Map<string, { at: number; keys: JsonWebKey[] }>();

/** Forgets discovered providers and their keys (tests; or after the provider's set-up changes). */
export function clearOidcCaches(): void {
  discoveryCache.clear();
  jwksCache.clear();
}

async function fetchJson(url: string, what: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (e) {
    throw new OidcError('provider', `the identity provider's ${what} at ${url} could not be reached (${(e as Error).message})`);
  }
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as unknown };
  } catch {
    throw new OidcError('provider', `the identity provider's ${what} at ${url} did not send JSON (HTTP ${res.status})`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const stringList = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

/** The provider's discovery document (cached for an hour), checked to name the configured issuer. */
export async function discover(issuer: string, now = Date.now()): Promise<ProviderMetadata> {
  const cached = discoveryCache.get(issuer);
  if (cached && now - cached.at < CACHE_MS) return cached.metadata;
  const url = `${issuer}/.well-known/openid-configuration`;
  const { status, body } = await fetchJson(url, 'discovery document');
  if (status !== 200 || !isObject(body)) throw new OidcError('provider', `the identity provider's discovery document at ${url} could not be read (HTTP ${status})`);
  if (body.issuer !== issuer) {
    throw new OidcError('config', `the discovery document at ${url} names the issuer "${String(body.issuer)}", not "${issuer}" (check THREADLINE_OIDC_ISSUER)`);
  }
  for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    if (typeof body[field] !== 'string') throw new OidcError('provider', `the discovery document at ${url} has no ${field}`);
    checkUrl(body[field], `the discovery document's ${field}`, 'provider');
  }
  const metadata: ProviderMetadata = {
    issuer,
    authorization_endpoint: body.authorization_endpoint as string,
    token_endpoint: body.token_endpoint as string,
    jwks_uri: body.jwks_uri as string,
  };
  const lists = ['token_endpoint_auth_methods_supported', 'code_challenge_methods_supported', 'id_token_signing_alg_values_supported'] as const;
  for (const field of lists) {
    const list = stringList(body[field]);
    if (list) metadata[field] = list;
  }
  if (metadata.code_challenge_methods_supported && !metadata.code_challenge_methods_supported.includes('S256')) {
    throw new OidcError('provider', 'the identity provider does not support PKCE with S256');
  }
  if (metadata.id_token_signing_alg_values_supported && !metadata.id_token_signing_alg_values_supported.includes('RS256')) {
    throw new OidcError('provider', 'the identity provider does not sign ID tokens with RS256');
  }
  discoveryCache.set(issuer, { at: now, metadata });
  return metadata;
}

async function fetchKeys(jwksUri: string, now: number, refresh: boolean): Promise<JsonWebKey[]> {
  const cached = jwksCache.get(jwksUri);
  if (cached && !refresh && now - cached.at < CACHE_MS) return cached.keys;
  const { status, body } = await fetchJson(jwksUri, 'signing keys');
  if (status !== 200 || !isObject(body) || !Array.isArray(body.keys)) {
    throw new OidcError('provider', `the identity provider's signing keys at ${jwksUri} could not be read (HTTP ${status})`);
  }
  const keys = body.keys.filter(isObject) as JsonWebKey[];
  jwksCache.set(jwksUri, { at: now, keys });
  return keys;
}

/** The RS256 signing key for a token header: by `kid` (or the only one, if the token names none). */
function pickKey(keys: JsonWebKey[], kid: string | undefined): JsonWebKey | undefined {
  const usable = keys.filter((k) => k.kty === 'RSA' && (k.use === undefined || k.use === 'sig') && (k.alg === undefined || k.alg === 'RS256'));
  if (kid === undefined) return usable.length === 1 ? usable[0] : undefined;
  return usable.find((k) => k.kid === kid);
}

// ---------------------------------------------------------------------------------------------------------
// ID tokens

export type Claims = Record<string, unknown>;

/** Strict base64url (no padding, no stray characters, canonical last character). */
function base64url(part: string, what: string): Buffer {
  const bytes = /^[A-Za-z0-9_-]*$/.test(part) ? Buffer.from(part, 'base64url') : null;
  if (!bytes || bytes.toString('base64url') !== part) throw new OidcError('token', `the ID token's ${what} is not valid base64url`);
  return bytes;
}

function jsonPart(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(base64url(part, what).toString('utf8'));
  } catch (e) {
    if (e instanceof OidcError) throw e;
    throw new OidcError('token', `the ID token's ${what} is not JSON`);
  }
  if (!isObject(value)) throw new OidcError('token', `the ID token's ${what} is not a JSON object`);
  return value;
}

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce: string;
  jwksUri: string;
  /** Seconds since 1970 (the current time unless given). */
  now?: number;
}

/**
 * Checks an ID token and returns its claims: an RS256 signature by one of the provider's keys (fetched again
 * once if the token names a key not yet seen, as happens when keys rotate), then `iss`, `aud` (and `azp` when
 * there are several audiences), `exp`, `iat` and `nbf` within CLOCK_SKEW_SECONDS, `nonce` and `sub`.
 */
export async function verifyIdToken(idToken: string, expect: IdTokenExpectations): Promise<Claims> {
  const parts = idToken.split('.');
  if (parts.length !== 3) throw new OidcError('token', 'the ID token is not a signed JWT (it must have three parts)');
  const [h, p, s] = parts as [string, string, string];
  const header = jsonPart(h, 'header');
  if (header.alg !== 'RS256') throw new OidcError('token', `the ID token is signed with "${String(header.alg)}"; only RS256 is accepted`);
  if (header.crit !== undefined) throw new OidcError('token', 'the ID token has critical header parameters Threadline does not understand');
  const kid = header.kid === undefined ? undefined : String(header.kid);
  const claims = jsonPart(p, 'payload');
  const signature = base64url(s, 'signature');

  const nowMs = expect.now === undefined ? Date.now() : expect.now * 1000;
  let jwk = pickKey(await fetchKeys(expect.jwksUri, nowMs, false), kid);
  if (!jwk) jwk = pickKey(await fetchKeys(expect.jwksUri, nowMs, true), kid);
  if (!jwk) throw new OidcError('token', kid === undefined ? 'the ID token names no signing key and the provider has more than one' : `the ID token is signed with a key ("${kid}") the identity provider does not publish`);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: jwk, format: 'jwk' });
  } catch (e) {
    throw new OidcError('provider', `the identity provider's signing key "${kid ?? ''}" could not be read (${(e as Error).message})`);
  }
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new OidcError('provider', `the identity provider's signing key "${kid ?? ''}" is shorter than 2048 bits`);
  if (!verify('sha256', Buffer.from(`${h}.${p}`), key, signature)) {
    throw new OidcError('token', 'the ID token signature is not valid (it was not signed by the identity provider, or it was changed)');
  }

  if (claims.iss !== expect.issuer) throw new OidcError('token', `the ID token was issued by "${String(claims.iss)}", not "${expect.issuer}"`);
  const aud = typeof claims.aud === 'string' ? [claims.aud] : stringList(claims.aud) ?? [];
  if (!aud.includes(expect.clientId)) throw new OidcError('token', 'the ID token is meant for another application (its audience does not include this client id)');
  if (aud.length > 1 && claims.azp !== expect.clientId) throw new OidcError('token', 'the ID token has several audiences and its authorized party is not this client id');
  if (claims.azp !== undefined && claims.azp !== expect.clientId) throw new OidcError('token', 'the ID token was issued to another application (azp)');
  const now = nowMs / 1000;
  if (typeof claims.exp !== 'number') throw new OidcError('token', 'the ID token has no expiry time (exp)');
  if (claims.exp + CLOCK_SKEW_SECONDS <= now) throw new OidcError('token', 'the ID token has expired');
  if (typeof claims.iat !== 'number') throw new OidcError('token', 'the ID token has no issue time (iat)');
  if (claims.iat - CLOCK_SKEW_SECONDS > now) throw new OidcError('token', 'the ID token was issued in the future (check the clocks of Threadline and the identity provider)');
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf - CLOCK_SKEW_SECONDS > now)) throw new OidcError('token', 'the ID token is not valid yet (nbf)');
  if (typeof claims.nonce !== 'string' || !sameText(claims.nonce, expect.nonce)) throw new OidcError('token', 'the ID token does not carry the nonce of this sign-in (it may have been replayed)');
  if (typeof claims.sub !== 'string' || !claims.sub) throw new OidcError('token', 'the ID token has no subject (sub)');
  return claims;
}

/** The Threadline user name in verified claims: the configured claim, else email; lower-cased. */
export function usernameFrom(claims: Claims, usernameClaim: string): string {
  for (const name of [usernameClaim, 'email']) {
    const value = claims[name];
    if (typeof value !== 'string' || !value.trim()) continue;
    if (name === 'email' && claims.email_verified === false) throw new OidcError('token', 'the ID token\'s email address is not verified by the identity provider');
    return value.trim().toLowerCase();
  }
  throw new OidcError('token', `the ID token has neither a ${usernameClaim} nor an email claim to match to a Threadline user name`);
}

function sameText(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a === b;
}

// ---------------------------------------------------------------------------------------------------------
// The authorization code flow

/** What must be kept (in the browser's sealed cookie) between sending someone to the provider and their return. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

const random = () => randomBytes(32).toString('base64url');

/** PKCE S256: BASE64URL(SHA256(verifier)). */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** The provider's authorization address to send the browser to, and what to keep until it comes back. */
export async function startAuthorization(config: OidcConfig): Promise<{ url: string; pending: PendingSignIn }> {
  const metadata = await discover(config.issuer);
  const pending: PendingSignIn = { state: random(), nonce: random(), codeVerifier: random() };
  const url = new URL(metadata.authorization_endpoint);
  const params = {
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid profile email',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: codeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return { url: url.toString(), pending };
}

/** The query the provider sends the browser back with. */
export interface CallbackParams {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

export interface SignedInIdentity {
  username: string;
  claims: Claims;
}

/**
 * Completes a sign-in: checks the returned state against the pending one, exchanges the code (with the PKCE
 * verifier and the client's credentials) at the token endpoint, and verifies the ID token.
 */
export async function finishAuthorization(config: OidcConfig, params: CallbackParams, pending: PendingSignIn): Promise<SignedInIdentity> {
  if (!params.state || !sameText(params.state, pending.state)) {
    throw new OidcError('callback', 'the state sent back by the identity provider is not the one of this sign-in');
  }
  if (params.error) {
    const why = params.error_description ? `: ${params.error_description}` : '';
    throw new OidcError('refused', `the identity provider did not sign you in (${params.error}${why})`);
  }
  if (!params.code) throw new OidcError('callback', 'the identity provider sent back no sign-in code');

  const metadata = await discover(config.issuer);
  const method = config.tokenAuthMethod
    ?? (metadata.token_endpoint_auth_methods_supported?.includes('client_secret_post') ? 'client_secret_post' : 'client_secret_basic');
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: params.code,
    redirect_uri: config.redirectUri,
    code_verifier: pending.codeVerifier,
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (method === 'client_secret_post') {
    form.set('client_id', config.clientId);
    form.set('client_secret', config.clientSecret);
  } else {
    // RFC 6749 §2.3.1: each part form-encoded, then joined with a colon and base64-encoded.
    const enc = (v: string) => new URLSearchParams({ v }).toString().slice(2);
    headers.authorization = `Basic ${Buffer.from(`${enc(config.clientId)}:${enc(config.clientSecret)}`).toString('base64')}`;
  }
  const { status, body } = await fetchJson(metadata.token_endpoint, 'token endpoint', { method: 'POST', headers, body: form });
  if (status !== 200) {
    const error = isObject(body) && typeof body.error === 'string' ? body.error : `HTTP ${status}`;
    const description = isObject(body) && typeof body.error_description === 'string' ? `: ${body.error_description}` : '';
    throw new OidcError(status >= 500 ? 'provider' : 'refused', `the identity provider's token endpoint refused the sign-in code (${error}${description})`);
  }
  if (!isObject(body) || typeof body.id_token !== 'string') throw new OidcError('provider', 'the identity provider\'s token endpoint sent no ID token');
  const claims = await verifyIdToken(body.id_token, { issuer: config.issuer, clientId: config.clientId, nonce: pending.nonce, jwksUri: metadata.jwks_uri });
  return { username: usernameFrom(claims, config.usernameClaim), claims };
}

// ---------------------------------------------------------------------------------------------------------
// The sealed cookie that carries a pending sign-in through the browser

/**
 * Seals a pending sign-in (and where to go afterwards) for a cookie: AES-256-GCM with a key derived from the
 * client secret, so it can be neither read nor changed in the browser, and works on every Threadline server
 * sharing the configuration. It expires after FLOW_MINUTES.
 */
export function sealPending(config: OidcConfig, pending: PendingSignIn, next: string, now = Date.now()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(config), iv);
  cipher.setAAD(Buffer.from(sealContext(config)));
  const plain = JSON.stringify({ ...pending, next, expires: now + FLOW_MINUTES * 60_000 });
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The pending sign-in in a sealed cookie; null if it is missing, changed, sealed for another configuration or expired. */
export function openPending(config: OidcConfig, value: string | undefined, now = Date.now()): (PendingSignIn & { next: string }) | null {
  if (!value) return null;
  const bytes = Buffer.from(value, 'base64url');
  if (bytes.length < 29) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(config), bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(sealContext(config)));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const data = JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')) as Record<string, unknown>;
    const { state, nonce, codeVerifier, next, expires } = data;
    if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string' || typeof next !== 'string') return null;
    if (typeof expires !== 'number' || expires <= now) return null;
    return { state, nonce, codeVerifier, next };
  } catch {
    return null;
  }
}

function sealKey(config: OidcConfig): Buffer {
  return Buffer.from(hkdfSync('sha256', config.clientSecret, 'threadline-oidc', 'pending sign-in cookie', 32));
}

function sealContext(config: OidcConfig): string {
  return JSON.stringify([config.issuer, config.clientId, config.redirectUri]);
}
