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
const Board = lazy(() => import('./pages/board'));
const CycleResults = lazy(() => import('./pages/cycle-results'));
const Evaluations = lazy(() => import('./pages/evaluations'));
const EvaluationForm = lazy(() => import('./pages/evaluation-form'));
const Assignments = lazy(() => import('./pages/assignments'));
const Calibration = lazy(() => import('./pages/calibration'));
const Monev = lazy(() => import('./pages/monev'));
const SelfAssessment = lazy(() => import('./pages/self-assessment'));
const InnovationResults = lazy(() => import('./pages/innovation-results'));
const Preferences = lazy(() => import('./pages/preferences'));
const Webhooks = lazy(() => import('./pages/webhooks'));
const Showcase = lazy(() => import('./pages/showcase'));
const ShowcaseInnovation = lazy(() => import('./pages/showcase-innovation'));
const PublicRanking = lazy(() => import('./pages/public-ranking'));
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
            <Route path="/siklus/:id/papan" component={Board} />
            <Route path="/siklus/:id/hasil" component={CycleResults} />
            <Route path="/penilaian" component={Evaluations} />
            <Route path="/penilaian/:innovationId" component={EvaluationForm} />
            <Route path="/penugasan" component={Assignments} />
            <Route path="/siklus/:id/penugasan" component={Assignments} />
            <Route path="/inovasi/:id/kalibrasi" component={Calibration} />
            <Route path="/inovasi/:id/monev" component={Monev} />
            <Route path="/inovasi/:id/penilaian-mandiri" component={SelfAssessment} />
            <Route path="/inovasi/:id/hasil" component={InnovationResults} />
            <Route path="/pengaturan/notifikasi" component={Preferences} />
            <Route path="/opd/:opdId/webhook" component={Webhooks} />
            <Route path="/galeri" component={Showcase} />
            <Route path="/galeri/:id" component={ShowcaseInnovation} />
            <Route path="/peringkat" component={PublicRanking} />
            <Route path="/peringkat/:id" component={PublicRanking} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </Layout>
    </LocationProvider>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
