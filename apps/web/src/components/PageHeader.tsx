import type { ReactNode } from 'react';
import { UpdatedAgo } from './UpdatedAgo.tsx';

export function PageHeader({
  title,
  updatedAt,
  children,
}: {
  title: string;
  updatedAt?: number;
  children?: ReactNode;
}) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {updatedAt !== undefined && <UpdatedAgo at={updatedAt} />}
      <div className="page-actions">{children}</div>
    </div>
  );
}
