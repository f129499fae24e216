// Stylesheets are imported for their side effect (Vite bundles them; Jest maps them to a stub).
declare module '*.css';
