/**
 * Why a CA request failed, in codes the UI maps and in words a clerk understands. `retryable`
 * decides what the sync engine does with the row; it never decides to drop it.
 */
export const estErrorCodes = {
  EST_NETWORK: { retryable: true, ja: '認証局に接続できません。ネットワークの復旧後に自動で再送します。', en: 'Cannot reach the CA. It will be sent again automatically when the network is back.' },
  EST_TIMEOUT: { retryable: true, ja: '認証局の応答がありません。自動で再送します。', en: 'The CA did not answer in time. It will be sent again automatically.' },
  EST_SERVER_ERROR: { retryable: true, ja: '認証局で一時的な障害が発生しています。自動で再送します。', en: 'The CA has a temporary problem. It will be sent again automatically.' },
  EST_RATE_LIMITED: { retryable: true, ja: '認証局が混み合っています。時間をおいて自動で再送します。', en: 'The CA is busy. It will be sent again automatically later.' },
  EST_IN_PROGRESS: { retryable: true, ja: '認証局で処理中です。自動で確認します。', en: 'The CA is still processing this request. It will be checked again automatically.' },
  EST_PENDING: { retryable: true, ja: '認証局で発行待ちです。自動で確認します。', en: 'The CA accepted the request and has not issued yet. It will be checked again automatically.' },
  EST_BAD_RESPONSE: { retryable: true, ja: '認証局の応答が壊れていました。自動で再送します。', en: 'The CA answer was damaged. It will be sent again automatically.' },
  EST_BAD_REQUEST: { retryable: false, ja: '認証局が申請内容を受け付けませんでした。管理者に連絡してください。', en: 'The CA refused the request content. Contact the administrator.' },
  EST_UNAUTHORIZED: { retryable: false, ja: 'この端末は認証局に認証されませんでした。端末証明書の設定を確認してください。', en: 'The CA did not accept this terminal. Check the terminal certificate settings.' },
  EST_IDEMPOTENCY_CONFLICT: { retryable: false, ja: '同じ申請番号で異なる内容が送られました。管理者に連絡してください。', en: 'The same request id was sent with different content. Contact the administrator.' },
  EST_DUPLICATE_KEY: { retryable: false, ja: 'このカードの鍵にはすでに有効な証明書があります。', en: 'A valid certificate already exists for this card key.' },
  EST_REJECTED: { retryable: false, ja: '認証局が申請を拒否しました。管理者に連絡してください。', en: 'The CA rejected the request. Contact the administrator.' },
  EST_KEY_MISMATCH: { retryable: false, ja: '発行された証明書がカードの鍵と一致しません。管理者に連絡してください。', en: 'The issued certificate does not match the card key. Contact the administrator.' },
  EST_WRONG_CHAIN: { retryable: false, ja: '発行された証明書が正しい認証局のものではありません。管理者に連絡してください。', en: 'The issued certificate does not come from the expected CA. Contact the administrator.' },
  EST_TLS: { retryable: false, ja: '認証局との安全な接続を確立できません。接続設定を確認してください。', en: 'Cannot establish a secure connection to the CA. Check the connection settings.' },
  EST_CONFIG: { retryable: false, ja: '認証局の接続設定が正しくありません。', en: 'The CA connection settings are invalid.' },
} as const satisfies Record<string, { retryable: boolean; ja: string; en: string }>;
export type EstErrorCode = keyof typeof estErrorCodes;

export class EstError extends Error {
  override readonly name = 'EstError';
  readonly retryable: boolean;
  constructor(
    readonly code: EstErrorCode,
    /** Technical detail for logs; never contains request bodies or personal data. */
    detail: string,
    readonly httpStatus?: number,
    /** From a Retry-After header, when the CA sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(`${code}: ${detail}`);
    this.retryable = estErrorCodes[code].retryable;
  }

  get clerkMessage(): { readonly ja: string; readonly en: string } {
    return { ja: estErrorCodes[this.code].ja, en: estErrorCodes[this.code].en };
  }
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * Maps an HTTP status that is not a success to a typed error. `caErrorCode` is the reference
 * CA's `Ca-Error-Code` header; other EST CAs send none, so the body text is the fallback.
 */
export function classifyStatus(status: number, body: string, retryAfterMs: number | undefined, caErrorCode?: string): EstError {
  const snippet = body.slice(0, 200).replace(/[^\x20-\x7e]/g, '?');
  if (status === 429) return new EstError('EST_RATE_LIMITED', `HTTP 429 ${snippet}`, status, retryAfterMs);
  if (status === 409) {
    // 409 means "your first request is still running" unless the CA says the key already has
    // a live certificate, which no retry will change.
    const isDuplicate =
      caErrorCode !== undefined
        ? caErrorCode === 'CA_DUPLICATE_KEY'
        : /(duplicate|already|live.?cert|exists)/i.test(body) && !/in.?progress/i.test(body);
    return new EstError(isDuplicate ? 'EST_DUPLICATE_KEY' : 'EST_IN_PROGRESS', `HTTP 409 ${snippet}`, status, retryAfterMs);
  }
  if (status >= 500) return new EstError('EST_SERVER_ERROR', `HTTP ${status} ${snippet}`, status, retryAfterMs);
  if (status === 400) return new EstError('EST_BAD_REQUEST', `HTTP 400 ${snippet}`, status);
  if (status === 401 || status === 403) return new EstError('EST_UNAUTHORIZED', `HTTP ${status} ${snippet}`, status);
  if (status === 422) return new EstError('EST_IDEMPOTENCY_CONFLICT', `HTTP 422 ${snippet}`, status);
  if (status === 408) return new EstError('EST_TIMEOUT', `HTTP 408 ${snippet}`, status, retryAfterMs);
  return new EstError('EST_REJECTED', `HTTP ${status} ${snippet}`, status);
}
