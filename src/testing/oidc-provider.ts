/**
 * A small OpenID Connect provider for tests, on 127.0.0.1: a discovery document, a JWKS with an RSA key, an
 * authorize endpoint that signs the next person in at once (redirecting back with a code), and a token
 * endpoint that checks the code, the client's credentials (client_secret_post or client_secret_basic), the
 * redirect URI and the PKCE verifier before returning an RS256-signed ID token. Tests can change the claims
 * of the next ID token, or spoil its signature, to see Threadline refuse it.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export type Claims = Record<string, unknown>;

export interface TokenRequest {
  auth: 'client_secret_post' | 'client_secret_basic' | 'none';
  /** null when the token endpoint gave an ID token, else its error. */
  error: string | null;
  description?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The only redirect URI the provider accepts (set it to Threadline's callback address). */
  redirectUri: string;
  /** Claims of the person the authorize endpoint signs in next (besides iss, aud, sub, iat, exp, nonce). */
  user: Claims;
  /** Changes the claims of each ID token just before it is signed. */
  alterClaims: ((claims: Claims) => Claims) | null;
  /** Spoils the next ID tokens: a changed signature, or signed by a key the provider does not publish. */
  spoil: 'signature' | 'unpublished-key' | null;
  /** Every authorization request's query, and every token request, in order. */
  authorizeRequests: Record<string, string>[];
  tokenRequests: TokenRequest[];
  /** Signs a token with the provider's published key (for tests of verifyIdToken itself). */
  signToken(claims: Claims, header?: Record<string, unknown>): string;
  /** Starts publishing a new key (as well as, or instead of, the current one) and signs with it from now on. */
  rotateKey(keepOld: boolean): void;
  jwksRequests: number;
  /** The issuer the discovery document names (normally the provider's own address). */
  advertisedIssuer: string;
  close(): Promise<void>;
}

interface Key { kid: string; privateKey: KeyObject; publicKey: KeyObject }
const newKey = (): Key => ({ kid: randomBytes(8).toString('hex'), ...generateKeyPairSync('rsa', { modulusLength: 2048 }) });

export function signJwt(header: Record<string, unknown>, claims: Claims, key: KeyObject): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${part(header)}.${part(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

export async function startTestProvider(opts: { authMethods?: string[] } = {}): Promise<TestProvider> {
  const app = express();
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let keys: Key[] = [newKey()];
  const codes = new Map<string, { challenge: string; nonce: string; redirectUri: string; claims: Claims }>();

  const p: TestProvider = {
    issuer,
    clientId: 'threadline-test-client',
    clientSecret: `secret-${randomBytes(12).toString('base64url')}`,
    redirectUri: '',
    user: {},
    alterClaims: null,
    spoil: null,
    authorizeRequests: [],
    tokenRequests: [],
    jwksRequests: 0,
    advertisedIssuer: issuer,
    signToken: (claims, header = {}) => {
      const key = keys[keys.length - 1]!;
      return signJwt({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header }, claims, key.privateKey);
    },
    rotateKey: (keepOld) => { keys = keepOld ? [...keys, newKey()] : [newKey()]; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };

  app.get('/.well-known/openid-configuration', (_req, res) => {
    res.json({
      issuer: p.advertisedIssuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: opts.authMethods ?? ['client_secret_post', 'client_secret_basic'],
    });
  });

  app.get('/jwks', (_req, res) => {
    p.jwksRequests++;
    res.json({ keys: keys.map((k) => ({ ...k.publicKey.export({ format: 'jwk' }), kid: k.kid, use: 'sig', alg: 'RS256' })) });
  });

  app.get('/authorize', (req, res) => {
    const q = Object.fromEntries(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string'));
    p.authorizeRequests.push(q);
    const problems = [
      q.client_id !== p.clientId && 'unknown client_id',
      q.redirect_uri !== p.redirectUri && 'redirect_uri is not registered',
      q.response_type !== 'code' && 'response_type must be code',
      !(q.scope ?? '').split(' ').includes('openid') && 'scope must include openid',
      q.code_challenge_method !== 'S256' && 'code_challenge_method must be S256',
      !/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge ?? '') && 'code_challenge is missing',
      !q.nonce && 'nonce is missing',
      !q.state && 'state is missing',
    ].filter(Boolean);
    if (problems.length) {
      res.status(400).send(problems.join('; '));
      return;
    }
    const code = randomBytes(16).toString('base64url');
    codes.set(code, { challenge: q.code_challenge!, nonce: q.nonce!, redirectUri: q.redirect_uri!, claims: { ...p.user } });
    const back = new URL(q.redirect_uri!);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.state!);
    res.redirect(302, back.toString());
  });

  app.post('/token', express.urlencoded({ extended: false }), (req, res) => {
    const body = (req.body ?? {}) as Record<string, string>;
    let auth: TokenRequest['auth'] = 'none';
    let clientId: string | undefined;
    let secret: string | undefined;
    const basic = /^Basic (.+)$/.exec(req.get('authorization') ?? '');
    if (basic) {
      const [id, s] = Buffer.from(basic[1]!, 'base64').toString().split(':').map((x) => decodeURIComponent(x.replace(/\+/g, ' ')));
      auth = 'client_secret_basic';
      clientId = id;
      secret = s;
    } else if (body.client_secret !== undefined) {
      auth = 'client_secret_post';
      clientId = body.client_id;
      secret = body.client_secret;
    }
    const refuse = (status: number, error: string, description: string) => {
      p.tokenRequests.push({ auth, error, description });
      res.status(status).json({ error, error_description: description });
    };
    if (clientId !== p.clientId || secret !== p.clientSecret) return refuse(401, 'invalid_client', 'client authentication failed');
    if (body.grant_type !== 'authorization_code') return refuse(400, 'unsupported_grant_type', 'grant_type must be authorization_code');
    const grant = codes.get(body.code ?? '');
    codes.delete(body.code ?? '');
    if (!grant) return refuse(400, 'invalid_grant', 'the code is unknown or already used');
    if (body.redirect_uri !== grant.redirectUri) return refuse(400, 'invalid_grant', 'redirect_uri does not match');
    if (!body.code_verifier || createHash('sha256').update(body.code_verifier).digest('base64url') !== grant.challenge) {
      return refuse(400, 'invalid_grant', 'PKCE verification failed: the code_verifier does not match the code_challenge');
    }
    const now = Math.floor(Date.now() / 1000);
    let claims: Claims = { iss: issuer, aud: p.clientId, sub: `sub-${randomBytes(6).toString('hex')}`, iat: now, exp: now + 300, nonce: grant.nonce, ...grant.claims };
    if (p.alterClaims) claims = p.alterClaims(claims);
    let idToken = p.spoil === 'unpublished-key'
      ? signJwt({ alg: 'RS256', typ: 'JWT', kid: keys[keys.length - 1]!.kid }, claims, newKey().privateKey)
      : p.signToken(claims);
    if (p.spoil === 'signature') {
      const [h, c, s] = idToken.split('.') as [string, string, string];
      const i = Math.floor(s.length / 2);
      idToken = `${h}.${c}.${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
    }
    p.tokenRequests.push({ auth, error: null });
    res.json({ access_token: randomBytes(16).toString('base64url'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
  });

  return p;
}
