import { Component, type ReactNode } from 'react';
import { ErrorState } from '../ui/states';

type Props = { children: ReactNode };
type State = { error: unknown };

/** Shows a rendering failure as a message instead of a blank page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return <ErrorState error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    }
    return this.props.children;
  }
}
