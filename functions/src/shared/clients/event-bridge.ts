import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { lazy } from './lazy';

export const eventBridge = /* @__PURE__ */ lazy(() => new EventBridgeClient({}));
