/** Links between customers: unknown types, self-links and duplicates (either reading) are refused. */
import type { CustomerRelationship } from '../../domain/records';
import { LINK_PROBLEM_MESSAGES, linkProblem } from '../../domain/relationships/catalogue';
import { rowsByIndex } from '../dbcore-helpers';
import { InvariantViolation } from '../invariant';
import type { GuardRegistry } from './table-guard';

export const RELATIONSHIP_GUARDS: GuardRegistry = {
  customer_relationships: {
    async check({ inZone, table }, write) {
      const accepted: CustomerRelationship[] = [];
      const fromRows = (customerId: string) =>
        rowsByIndex<CustomerRelationship>(
          inZone,
          table,
          write.trans,
          'from_customer_id',
          customerId,
        );
      for (const row of write.values as CustomerRelationship[]) {
        // A symmetric pair may be stored either way round: look at both customers' rows.
        const around = (
          await Promise.all([fromRows(row.from_customer_id), fromRows(row.to_customer_id)])
        ).flat();
        const problem = linkProblem(row, [...around, ...accepted]);
        if (problem) throw new InvariantViolation(LINK_PROBLEM_MESSAGES[problem]);
        accepted.push(row);
      }
    },
  },
};
