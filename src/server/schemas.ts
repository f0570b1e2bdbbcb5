// JSON schema pieces shared by routes. Every route declares params, body and reply schemas.

export const uuid = { type: 'string', format: 'uuid' } as const;
export const isoTime = { type: 'string', format: 'date-time' } as const;

export const errorReply = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
} as const;

/** The error replies every authenticated route can give. */
export const errorReplies = { 400: errorReply, 401: errorReply, 403: errorReply, 404: errorReply, 409: errorReply, 413: errorReply, 429: errorReply, 503: errorReply } as const;

export const idParams = {
  type: 'object', required: ['id'], additionalProperties: false, properties: { id: uuid },
} as const;

/** Short texts such as titles and names. */
export const titleLengthMax = 200;
export const title = { type: 'string', minLength: 1, maxLength: titleLengthMax } as const;
