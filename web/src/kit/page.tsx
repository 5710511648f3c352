// A page's frame: the browser tab's title (the menu entry's words), breadcrumbs on detail pages, and the
// page heading. Every page uses it, so titles and breadcrumbs read the same everywhere.
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Breadcrumb, Flex, Typography } from 'antd';

export const APP_NAME = '司法所工作管理系统';

/** The tab's title: `用户管理 - 司法所工作管理系统`. */
export const usePageTitle = (title: string) => {
  useEffect(() => {
    document.title = `${title} - ${APP_NAME}`;
    return () => {
      document.title = APP_NAME;
    };
  }, [title]);
};

export interface Crumb {
  label: string;
  /** Omitted on the last crumb (the page itself). */
  to?: string;
}

/**
 * `title` is the menu entry's label (list pages) or the record's name (detail pages, with
 * `crumbs` leading back: 首页 › 司法所 › 城关司法所). `extra` holds the page's actions.
 */
export function Page({ title, crumbs, extra, children }: { title: string; crumbs?: readonly Crumb[]; extra?: ReactNode; children: ReactNode }) {
  usePageTitle(title);
  return (
    <div data-testid="page">
      {crumbs && (
        <Breadcrumb
          data-testid="breadcrumbs"
          style={{ marginBottom: 8 }}
          items={[{ label: '首页', to: '/' }, ...crumbs].map((c) => ({ title: c.to ? <Link to={c.to}>{c.label}</Link> : c.label }))}
        />
      )}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </div>
  );
}
