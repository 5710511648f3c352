// Cognito as the user directory: it holds credentials and issues tokens; our org table holds the
// user record (roles, office, enabled) and is the source of truth. `syncUser` makes Cognito mirror a
// record — idempotently, so a redelivered event or a retry changes nothing.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  UsernameExistsException,
  UserNotFoundException,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { conflict, SCOPE_ATTRIBUTES, type User } from '@sifasuo/domain';
import { cognito, userPoolClientId, userPoolId } from '../shared/aws';


/** The attributes a user has; unit attributes the user lacks are deleted rather than set empty. */
const attributesOf = (user: User): AttributeType[] => [
  { Name: 'name', Value: user.displayName },
  ...SCOPE_ATTRIBUTES.filter((a) => user[a]).map((a) => ({ Name: `custom:${a}`, Value: user[a] })),
];
const absentAttributesOf = (user: User) => SCOPE_ATTRIBUTES.filter((a) => !user[a]).map((a) => `custom:${a}`);

export interface Tokens {
  accessToken: string;
  idToken: string;
  expiresIn: number;
}

export const directory = {
  /** Creates the sign-in identity with a permanent password (no invitation e-mail). */
  async createUser(user: User, password: string): Promise<void> {
    try {
      await cognito().send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId(),
          Username: user.username,
          MessageAction: 'SUPPRESS',
          UserAttributes: attributesOf(user),
        }),
      );
    } catch (e) {
      if (e instanceof UsernameExistsException) throw conflict(`用户名 ${user.username} 已存在`);
      throw e;
    }
    try {
      await directory.setPassword(user.username, password);
    } catch (e) {
      // No half-made identity: one without its password would block every retry with 409.
      await directory.deleteUser(user.username);
      throw e;
    }
  },

  async deleteUser(username: string): Promise<void> {
    await cognito().send(new AdminDeleteUserCommand({ UserPoolId: userPoolId(), Username: username }));
  },

  async setPassword(username: string, password: string): Promise<void> {
    await cognito().send(
      new AdminSetUserPasswordCommand({ UserPoolId: userPoolId(), Username: username, Password: password, Permanent: true }),
    );
  },

  /** Makes Cognito's attributes, groups and enabled flag equal the user record. */
  async syncUser(user: User): Promise<void> {
    const pool = userPoolId();
    await cognito().send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: user.username, UserAttributes: attributesOf(user) }),
    );
    const absent = absentAttributesOf(user);
    if (absent.length) {
      await cognito().send(
        new AdminDeleteUserAttributesCommand({ UserPoolId: pool, Username: user.username, UserAttributeNames: absent }),
      );
    }
    const current = await cognito().send(new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: user.username }));
    const has = new Set((current.Groups ?? []).map((g) => g.GroupName));
    for (const role of user.roles.filter((r) => !has.has(r))) {
      await cognito().send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: user.username, GroupName: role }));
    }
    for (const group of [...has].filter((g): g is string => !!g && !user.roles.includes(g as never))) {
      await cognito().send(new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, Username: user.username, GroupName: group }));
    }
    await cognito().send(
      user.enabled
        ? new AdminEnableUserCommand({ UserPoolId: pool, Username: user.username })
        : new AdminDisableUserCommand({ UserPoolId: pool, Username: user.username }),
    );
  },

  /** USER_PASSWORD_AUTH; `undefined` for a wrong username or password. */
  async authenticate(username: string, password: string): Promise<Tokens | undefined> {
    try {
      const r = await cognito().send(
        new InitiateAuthCommand({
          ClientId: userPoolClientId(),
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      );
      const a = r.AuthenticationResult;
      if (!a?.AccessToken || !a.IdToken) return undefined;
      return { accessToken: a.AccessToken, idToken: a.IdToken, expiresIn: a.ExpiresIn ?? 3600 };
    } catch (e) {
      if (e instanceof NotAuthorizedException || e instanceof UserNotFoundException) return undefined;
      throw e;
    }
  },
};
