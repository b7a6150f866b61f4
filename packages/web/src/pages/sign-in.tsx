import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../i18n';
import { authorizeUrl, finishSignIn } from '../lib/cognito';
import { type AppConfig, appConfig, opdName } from '../lib/config';
import { signIn, takeReturn } from '../lib/session';

interface DevUser {
  readonly username: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly opdId?: string;
}

/** Locally: the dev users, one button each (the local stand-in of Cognito's login). In AWS: the managed login. */
export default function SignIn() {
  const { route } = useLocation();
  const [config, setConfig] = useState<AppConfig>();
  const [users, setUsers] = useState<readonly DevUser[]>([]);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    // Neither the config nor the dev users may fail silently: the page would show only its heading.
    void appConfig()
      .then(async (loaded) => {
        setConfig(loaded);
        if (loaded.auth.kind !== 'local') return;
        const response = await fetch(`${loaded.apiUrl}/local/users`);
        if (response.ok) setUsers((await response.json()) as DevUser[]);
        else setFailed(true);
      })
      .catch(() => setFailed(true));
  }, []);

  async function asDevUser(username: string) {
    if (!config) return;
    setFailed(false);
    const response = await fetch(`${config.apiUrl}/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    }).catch(() => undefined);
    const body = response?.ok ? ((await response.json()) as { token?: string }) : undefined;
    if (body?.token && signIn(body.token)) route(takeReturn());
    else setFailed(true);
  }

  return (
    <section class="narrow">
      <h1>{t.signIn.title}</h1>
      {failed && (
        <p class="error-message" role="alert">
          {t.signIn.failed}
        </p>
      )}
      {!config && !failed && <p role="status">{t.app.loading}</p>}
      {config?.auth.kind === 'local' && (
        <>
          <p>{t.signIn.localIntro}</p>
          <fieldset>
            <legend>{t.signIn.localUsersLegend}</legend>
            <ul class="user-list">
              {users.map((user) => (
                <li key={user.username}>
                  <button type="button" onClick={() => void asDevUser(user.username)}>
                    {t.signIn.as(user.name)}
                  </button>{' '}
                  <span class="muted">
                    {user.username} · {user.roles.map((role) => t.roles[role] ?? role).join(', ')}
                    {user.opdId ? ` · ${opdName(config, user.opdId)}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </fieldset>
        </>
      )}
      {config?.auth.kind === 'cognito' && (
        <>
          <p>{t.signIn.cognitoIntro}</p>
          <button
            type="button"
            onClick={() => {
              if (config.auth.kind === 'cognito') void authorizeUrl(config.auth).then((url) => location.assign(url));
            }}
          >
            {t.signIn.cognito}
          </button>
        </>
      )}
    </section>
  );
}

/** The managed login's callback: exchanges the code, then goes home. */
export function SignInCallback() {
  const { route } = useLocation();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void appConfig().then(async (config) => {
      if (config.auth.kind !== 'cognito') return setFailed(true);
      const token = await finishSignIn(config.auth, new URLSearchParams(location.search)).catch(() => undefined);
      if (token && signIn(token)) route(takeReturn(), true);
      else setFailed(true);
    });
  }, [route]);
  return (
    <section class="narrow">
      <h1>{t.signIn.title}</h1>
      <p role="status">{failed ? t.signIn.failed : t.signIn.finishing}</p>
      {failed && <a href="/masuk">{t.nav.signIn}</a>}
    </section>
  );
}
