import { Table, UnstyledButton, Group } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';

// Column sorting for the console's tables: a header is a button that cycles the column ascending/descending,
// announces its state with aria-sort, and sorts the rows shown. Lists that page from the server sort what
// is loaded; the page says so where that matters.

export type SortDirection = 'ascending' | 'descending';
export interface SortState<K extends string> {
  column: K;
  direction: SortDirection;
}

type SortValue = string | number | null | undefined;

/**
 * `arrivalOrder`: the order the server already delivers the rows in. While that is the chosen sort, rows are
 * shown as they came (the database's order may differ from the browser's comparison, so re-sorting would
 * move rows of a page loaded later in among those above instead of after them).
 */
export function useSortedRows<T, K extends string>(rows: T[], valueOf: Record<K, (row: T) => SortValue>, initial: SortState<K> | null, arrivalOrder?: SortState<K>) {
  const [sort, setSort] = useState<SortState<K> | null>(initial);
  const sorted = useMemo(() => {
    if (!sort || (arrivalOrder && sort.column === arrivalOrder.column && sort.direction === arrivalOrder.direction)) return rows;
    const read = valueOf[sort.column];
    const factor = sort.direction === 'ascending' ? 1 : -1;
    return [...rows].sort((a, b) => factor * compare(read(a), read(b)));
  }, [rows, sort, valueOf, arrivalOrder]);
  const toggle = (column: K) =>
    setSort((current) => ({ column, direction: current?.column === column && current.direction === 'ascending' ? 'descending' : 'ascending' }));
  return { sorted, sort, toggle };
}

/** Empty values sort last whatever the direction would put first; text compares as people read it. */
function compare(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

export function SortableTh<K extends string>({ column, sort, onSort, children, align }: {
  column: K;
  sort: SortState<K> | null;
  onSort: (column: K) => void;
  children: ReactNode;
  align?: 'right';
}) {
  const active = sort?.column === column;
  const SortIcon = !active ? IconArrowsSort : sort.direction === 'ascending' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th aria-sort={active ? sort.direction : 'none'} ta={align}>
      <UnstyledButton onClick={() => onSort(column)} data-sort-column={column} style={{ font: 'inherit', fontWeight: 'inherit' }}>
        <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : undefined}>
          {children}
          <SortIcon size={14} stroke={1.8} aria-hidden style={{ opacity: active ? 1 : 0.55 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
