// The auth context in the portal: the login page (change password is the layout's account menu).
import { definePortal } from '../kit/portal';

export const authPortal = definePortal({
  context: 'auth',
  routes: [{ path: 'login', page: () => import('./Login'), public: true }],
});
