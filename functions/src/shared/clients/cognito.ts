import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { lazy } from './lazy';

export const cognito = /* @__PURE__ */ lazy(() => new CognitoIdentityProviderClient({}));
