// The home (工作台): the cards the contexts declare for the user's roles (kit/portal.ts), alerts first.
// It knows no context; each card loads its own data, shows a skeleton meanwhile, and a card that fails
// says so without taking the others down.
import { Component, Suspense, type ReactNode } from 'react';
import { Card, Col, Row, Skeleton, Typography } from 'antd';
import { LazyNoFeatures } from './loading';
import { useMe } from './guards';
import { homeCardsFor, type HomeCard, type PortalContext } from './portal';
import { usePageTitle } from './page';

class CardBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <Typography.Text type="secondary">该卡片加载失败，请刷新页面重试。</Typography.Text> : this.props.children;
  }
}

const KIND_BORDER: Record<HomeCard['kind'], string | undefined> = { alert: '#cf1322', todo: '#1f4e9c', due: '#d48806', kpi: undefined };

function HomeCardView({ card }: { card: HomeCard }) {
  const me = useMe();
  const Body = card.body;
  return (
    <Card
      title={card.title}
      size="small"
      data-testid={`home-card-${card.id}`}
      style={{ height: '100%', borderTop: KIND_BORDER[card.kind] ? `3px solid ${KIND_BORDER[card.kind]}` : undefined }}
    >
      <CardBoundary>
        <Suspense fallback={<Skeleton active paragraph={{ rows: 3 }} />}>
          <Body me={me} />
        </Suspense>
      </CardBoundary>
    </Card>
  );
}

export default function Home({ contexts }: { contexts: readonly PortalContext[] }) {
  const me = useMe();
  usePageTitle('首页');
  const cards = homeCardsFor(contexts, me);
  if (cards.length === 0) {
    return <LazyNoFeatures />;
  }
  return (
    <div data-testid="home">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        工作台
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {cards.map((card) => (
          <Col key={card.id} xs={24} lg={card.wide ? 24 : 12} xxl={card.wide ? 24 : 8}>
            <HomeCardView card={card} />
          </Col>
        ))}
      </Row>
    </div>
  );
}
