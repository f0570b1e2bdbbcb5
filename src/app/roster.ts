// Roster import: a CSV of email,name[,role]. Good rows are kept, bad rows reported with their line.
import { randomBytes } from 'node:crypto';
import type { Sql } from 'postgres';
import { roles, upsertEnrollment, type Role } from '../store/courses.ts';
import { findUsersByEmails, insertUser } from '../store/users.ts';
import { CsvError, parseCsv } from './csv.ts';
import { badRequest } from './errors.ts';
import { hashPassword } from './passwords.ts';

export const rosterRowsMax = 5_000;
export const rosterBytesMax = 1024 * 1024;
const emailPattern = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

export interface RosterReport {
  enrolled: number;
  unchanged: number;
  rejected: { line: number; reason: string }[];
  /** Accounts created by this import, with a temporary password shown only now. */
  newAccounts: { email: string; temporaryPassword: string }[];
}

interface RosterRow { line: number; email: string; name: string; role: Role }

export function readRoster(csv: string): { rows: RosterRow[]; rejected: RosterReport['rejected'] } {
  let table: string[][];
  try {
    table = parseCsv(csv, rosterRowsMax + 1);
  } catch (err) {
    if (err instanceof CsvError) throw badRequest('roster_malformed', `The roster CSV is malformed at ${err.message}`);
    throw err;
  }
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = { email: header.indexOf('email'), name: header.indexOf('name'), role: header.indexOf('role') };
  if (col.email < 0 || col.name < 0) {
    throw badRequest('roster_malformed', 'The roster CSV needs a header row with the columns email and name (and optionally role): add it as the first line');
  }
  const rows: RosterRow[] = [];
  const rejected: RosterReport['rejected'] = [];
  const seen = new Set<string>();
  table.slice(1).forEach((fields, i) => {
    const line = i + 2;
    const email = (fields[col.email] ?? '').trim().toLowerCase();
    const name = (fields[col.name] ?? '').trim();
    const role = (col.role >= 0 ? (fields[col.role] ?? '').trim().toLowerCase() : '') || 'student';
    const reason = !emailPattern.test(email) || email.length > 254 ? `"${email}" is not an email address`
      : name === '' || name.length > 200 ? 'the name is empty or longer than 200 characters'
      : !roles.includes(role as Role) ? `role "${role}" is not one of ${roles.join(', ')}`
      : seen.has(email) ? `${email} appears earlier in the file`
      : null;
    if (reason) rejected.push({ line, reason });
    else { seen.add(email); rows.push({ line, email, name, role: role as Role }); }
  });
  return { rows, rejected };
}

export async function importRoster(sql: Sql, courseId: string, csv: string): Promise<RosterReport> {
  const { rows, rejected } = readRoster(csv);
  const existing = new Map((await findUsersByEmails(sql, rows.map((r) => r.email))).map((u) => [u.email, u]));
  const report: RosterReport = { enrolled: 0, unchanged: 0, rejected, newAccounts: [] };
  for (const row of rows) {
    let user = existing.get(row.email);
    if (!user) {
      const temporaryPassword = randomBytes(9).toString('base64url');
      user = await insertUser(sql, { email: row.email, name: row.name, passwordHash: await hashPassword(temporaryPassword) });
      report.newAccounts.push({ email: row.email, temporaryPassword });
    }
    if (await upsertEnrollment(sql, courseId, user.id, row.role)) report.enrolled++;
    else report.unchanged++;
  }
  return report;
}
