import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { connectClient } from './app/client';
import './app/styles.css';
import { installPageGuards } from './features/settings/page-guards';

installPageGuards(window);
const root = document.getElementById('root');
if (!root) throw new Error('the page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App client={connectClient()} />
  </StrictMode>,
);
