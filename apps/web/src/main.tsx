import { render } from 'preact';
import { App } from './app';
import { session } from './session';
import './styles.css';

session.adoptFromAddress();
render(<App />, document.getElementById('app')!);
