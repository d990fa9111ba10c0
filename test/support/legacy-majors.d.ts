// The previous majors are installed under aliases (express4, koa2) to test the adapters against them. They ship no
// types of their own; the current majors' types cover the calls the tests make.
declare module 'express4' {
  import express from 'express';
  export default express;
}
declare module 'koa2' {
  import Koa from 'koa';
  export default Koa;
}
