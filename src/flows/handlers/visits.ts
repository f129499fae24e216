/** Finding a past visit and reprinting its documents: clerk-only, each call audited by visit-search. */
import type { Handlers } from '../../api/contract';
import type { Host } from '../../host/host-types';
import { reprintDocument, searchVisits, visitDetail } from '../visit-search';
import type { ClerkAccess } from './access';
import { queueRow } from './queue';

export type VisitsChannel = 'visits.find' | 'visits.get' | 'visits.reprint';

export function visitsHandlers(host: Host, { signedIn }: ClerkAccess): Pick<Handlers, VisitsChannel> {
  return {
    'visits.find': signedIn(({ query }, clerkId) => searchVisits(host.store, query, clerkId)),
    'visits.get': signedIn(({ applicationId }, clerkId) => visitDetail(host.store, applicationId, clerkId, (row) => queueRow(row, host.store.applications.receiptNumbersOf([row.applicationId]).get(row.applicationId) ?? null))),
    'visits.reprint': signedIn((request, clerkId) => reprintDocument(host.store, host.terminal, request, clerkId)),
  };
}
