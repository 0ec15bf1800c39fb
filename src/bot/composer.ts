import { Composer, type Context, type Middleware, type MiddlewareFn, type NextFunction } from "grammy";

type MaybeArray<T> = T | T[];

/**
 * grammY's Composer with the same semantics but a cheaper walk per update. grammY chains each
 * layer with two async closures and their promises, and runs every filter (command, callbackQuery,
 * on, hears...) through `lazy`, which builds a new Composer per update per layer: with ~80 layers
 * that was a third of what the bot allocated per update. Here a layer costs one `next` closure,
 * and a branch picks between middleware flattened once when it is registered.
 *
 * grammY's methods call `this.use`, `this.branch` and `this.filter`, so overriding those three
 * makes command, on, callbackQuery, hears, chatType, drop, fork, lazy and errorBoundary lean too.
 */
export class LeanComposer<C extends Context> extends Composer<C> {
  private run: MiddlewareFn<C>;

  constructor(...middleware: Array<Middleware<C>>) {
    super();
    this.run = middleware.length === 0 ? pass : middleware.map(flatten).reduce(concat);
  }

  override middleware(): MiddlewareFn<C> {
    return this.run;
  }

  override use(...middleware: Array<Middleware<C>>): LeanComposer<C> {
    const composer = new LeanComposer(...middleware);
    this.run = concat(this.run, flatten(composer));
    return composer;
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => boolean | Promise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => boolean | Promise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new LeanComposer(...middleware);
    this.branch(predicate, composer, pass);
    return composer;
  }

  override branch(predicate: (ctx: C) => boolean | Promise<boolean>, trueMiddleware: MaybeArray<Middleware<C>>, falseMiddleware: MaybeArray<Middleware<C>>): LeanComposer<C> {
    const yes = flattenMany(trueMiddleware);
    const no = flattenMany(falseMiddleware);
    return this.use((ctx, next) => {
      const ok = predicate(ctx);
      return ok instanceof Promise ? ok.then((v) => (v ? yes : no)(ctx, next)) : (ok ? yes : no)(ctx, next);
    });
  }
}

function pass<C extends Context>(_ctx: C, next: NextFunction): Promise<void> {
  return next();
}

/** A composer is read at every call, as grammY does: it may get more middleware after it was registered. */
function flatten<C extends Context>(mw: Middleware<C>): MiddlewareFn<C> {
  return typeof mw === "function" ? mw : (ctx, next) => mw.middleware()(ctx, next);
}

function flattenMany<C extends Context>(mw: MaybeArray<Middleware<C>>): MiddlewareFn<C> {
  return Array.isArray(mw) ? flatten(new LeanComposer(...mw)) : flatten(mw);
}

/** What a middleware returned, as a promise, as an async function's result would be. */
function promised(result: unknown): Promise<void> {
  return Promise.resolve(result as Promise<void>);
}

/**
 * `first`, then (when it calls next) `andThen`, then the outer next: grammY's concat without its
 * two async frames. Both the layer and its next still return promises, sync throws as rejections.
 */
function concat<C extends Context>(first: MiddlewareFn<C>, andThen: MiddlewareFn<C>): MiddlewareFn<C> {
  return (ctx, next) => {
    let nextCalled = false;
    try {
      return promised(
        first(ctx, () => {
          if (nextCalled) return Promise.reject(new Error("`next` already called before!"));
          nextCalled = true;
          try {
            return promised(andThen(ctx, next));
          } catch (err) {
            return Promise.reject(err);
          }
        }),
      );
    } catch (err) {
      return Promise.reject(err);
    }
  };
}
