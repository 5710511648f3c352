// 台账: the declared books, each a card leading to its page (every book two clicks from the menu). The
// list is the catalogue's (`GET /api/registers`): a new declaration is a new card and a working page.
import { Link } from 'react-router-dom';
import { Card, Col, Row, Typography } from 'antd';
import { useCatalogue } from './shared';
import { Page } from '../kit/page';
import { Forbidden, LoadFailed } from '../kit/results';
import { Loading } from '../kit/loading';

export default function Registers() {
  const catalogue = useCatalogue();
  if (catalogue.errorStatus === 403) return <Forbidden message={catalogue.errorMessage} />;
  if (catalogue.errorStatus !== undefined) return <LoadFailed message={catalogue.errorMessage ?? ''} retry={catalogue.reload} />;
  if (!catalogue.data) return <Loading />;
  return (
    <Page title="台账">
      <Row gutter={[16, 16]} data-testid="register-list">
        {catalogue.data.map((d) => (
          <Col key={d.id} xs={24} md={12} xl={8}>
            <Link to={`/registers/${encodeURIComponent(d.id)}`} data-testid={`register-${d.id}`}>
              <Card size="small" hoverable title={d.name} style={{ height: '100%' }}>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                  {d.description}
                </Typography.Paragraph>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Page>
  );
}
