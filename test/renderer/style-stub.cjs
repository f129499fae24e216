// Jest stand-in for CSS imports: components import their stylesheet for Vite only.
module.exports = {};
