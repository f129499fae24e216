/**
 * A past visit's document printed again, marked 再発行. One entry per printable document kind:
 * a new kind added to the contract's `printDocuments` does not compile until it has its entry here.
 */
import type { ReactNode } from 'react';
import type { PrintDocument, ReprintView } from '../../../../src/api/contract';
import { ApplicationFormDocument } from './ApplicationFormDocument';
import { InquiryLetterDocument } from './InquiryLetterDocument';
import { ReceiptDocument } from './ReceiptDocument';

type ViewOf<D extends PrintDocument> = Extract<ReprintView, { document: D }>;

const documentViews: { readonly [D in PrintDocument]: (view: ViewOf<D>) => ReactNode } = {
  receipt: (view) => <ReceiptDocument receipt={view.content} reissuedOn={view.reissuedOn} />,
  'inquiry-letter': (view) => <InquiryLetterDocument letter={view.content} reissuedOn={view.reissuedOn} />,
  'application-form': (view) => <ApplicationFormDocument form={view.content} reissuedOn={view.reissuedOn} />,
};

function render<D extends PrintDocument>(view: ViewOf<D>): ReactNode {
  const show = documentViews[view.document as D] as (v: ViewOf<D>) => ReactNode;
  return show(view);
}

export function ReprintedDocument({ view }: { readonly view: ReprintView }) {
  return <>{render(view)}</>;
}
