import { render } from 'preact';
import { ErrorBoundary, LocationProvider, lazy, Route, Router } from 'preact-iso';
import { Layout } from './components/layout';

// Each page is its own chunk, loaded when its route is first visited: the shell is the router, layout and session.
const Home = lazy(() => import('./pages/home'));
const SignIn = lazy(() => import('./pages/sign-in'));
const SignInCallback = lazy(() => import('./pages/sign-in').then((page) => page.SignInCallback));
const Innovations = lazy(() => import('./pages/innovations'));
const InnovationForm = lazy(() => import('./pages/innovation-form'));
const InnovationPage = lazy(() => import('./pages/innovation'));
const Cycles = lazy(() => import('./pages/cycles'));
const ReviewQueue = lazy(() => import('./pages/review-queue'));
const Inbox = lazy(() => import('./pages/inbox'));
const Redirect = lazy(() => import('./pages/redirect'));
const NotFound = lazy(() => import('./pages/not-found'));

export function App() {
  return (
    <LocationProvider>
      <Layout>
        <ErrorBoundary>
          <Router>
            <Route path="/" component={Home} />
            <Route path="/masuk" component={SignIn} />
            <Route path="/masuk/selesai" component={SignInCallback} />
            <Route path="/inovasi" component={Innovations} />
            <Route path="/inovasi/baru" component={InnovationForm} />
            <Route path="/inovasi/:id/ubah" component={InnovationForm} />
            <Route path="/inovasi/:id" component={InnovationPage} />
            <Route path="/siklus" component={Cycles} />
            <Route path="/siklus/:id/tinjauan" component={ReviewQueue} />
            <Route path="/kotak-masuk" component={Inbox} />
            <Route path="/innovations/:id" component={Redirect} />
            <Route path="/cycles/:id" component={Redirect} />
            <Route path="/notifications" component={Redirect} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </Layout>
    </LocationProvider>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
