package dev.salesflow.projection.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * The typed event handlers of a projection class, found once per class: its methods annotated with
 * Axon's {@link EventHandler} whose first parameter is the event payload, followed by
 * {@link EventContext} and/or {@link ProjectionRows}. An event goes to the handler of its payload
 * type (the most specific one if several match a supertype); a payload without a handler is ignored.
 * The live processor ({@link ProjectionEventHandler}) and a replay both dispatch through here.
 */
final class ProjectionHandlers {

    private static final ClassValue<ProjectionHandlers> BY_CLASS = new ClassValue<>() {
        @Override
        protected ProjectionHandlers computeValue(Class<?> type) {
            return new ProjectionHandlers(type);
        }
    };

    private static final Optional<Handler> NONE = Optional.empty();

    private final Map<Class<?>, Handler> declared;
    /** Payload class to its handler (or none), filled on first sight of each class. */
    private final Map<Class<?>, Optional<Handler>> resolved = new ConcurrentHashMap<>();

    static ProjectionHandlers of(Class<?> projectionType) {
        return BY_CLASS.get(projectionType);
    }

    /** The processing group {@code @ProcessingGroup} names on the projection's class. */
    static String processingGroupOf(Class<?> projectionType) {
        for (Class<?> type = projectionType; type != null; type = type.getSuperclass()) {
            ProcessingGroup group = type.getAnnotation(ProcessingGroup.class);
            if (group != null) {
                return group.value();
            }
        }
        throw new IllegalStateException(projectionType.getName() + " has no @ProcessingGroup: annotate the projection"
                + " class with the name of its processing group (it is also the name the replay command uses)");
    }

    private ProjectionHandlers(Class<?> type) {
        Map<Class<?>, Handler> handlers = new HashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(EventHandler.class) || method.isBridge()) {
                    continue;
                }
                Handler handler = Handler.of(method);
                Handler other = handlers.putIfAbsent(handler.payloadType(), handler);
                if (other != null && !overrides(other.method(), method)) {
                    throw new IllegalStateException(type.getName() + " has two @EventHandler methods for "
                            + handler.payloadType().getSimpleName() + ": "
                            + other.method().getName() + " and "
                            + method.getName() + "; keep one");
                }
            }
        }
        if (handlers.isEmpty()) {
            throw new IllegalStateException(type.getName() + " has no @EventHandler method: a projection handles each"
                    + " event it uses in a method on(EventType event, EventContext context, ProjectionRows rows)");
        }
        this.declared = Map.copyOf(handlers);
    }

    private static boolean overrides(Method sub, Method sup) {
        return sub.getName().equals(sup.getName()) && Arrays.equals(sub.getParameterTypes(), sup.getParameterTypes());
    }

    void dispatch(Object projection, Object payload, EventContext event, ProjectionRows rows) {
        Optional<Handler> handler = resolved.computeIfAbsent(payload.getClass(), this::resolve);
        if (handler.isPresent()) {
            handler.get().invoke(projection, payload, event, rows);
        }
    }

    private Optional<Handler> resolve(Class<?> payloadType) {
        Handler exact = declared.get(payloadType);
        if (exact != null) {
            return Optional.of(exact);
        }
        Handler best = null;
        for (Handler candidate : declared.values()) {
            if (candidate.payloadType().isAssignableFrom(payloadType)
                    && (best == null || best.payloadType().isAssignableFrom(candidate.payloadType()))) {
                best = candidate;
            }
        }
        return best == null ? NONE : Optional.of(best);
    }

    /** One handler method and where each of its parameters comes from. */
    private record Handler(Method method, Class<?> payloadType, Argument[] arguments) {

        enum Argument {
            PAYLOAD,
            CONTEXT,
            ROWS
        }

        static Handler of(Method method) {
            Class<?>[] parameters = method.getParameterTypes();
            String signature = method.getDeclaringClass().getSimpleName() + "." + method.getName();
            if (parameters.length == 0
                    || parameters.length > 3
                    || parameters[0] == EventContext.class
                    || parameters[0] == ProjectionRows.class
                    || Modifier.isStatic(method.getModifiers())) {
                throw new IllegalStateException(signature + ": a projection's @EventHandler is an instance method whose"
                        + " first parameter is the event, followed by EventContext and/or ProjectionRows");
            }
            Argument[] arguments = new Argument[parameters.length];
            arguments[0] = Argument.PAYLOAD;
            for (int i = 1; i < parameters.length; i++) {
                if (parameters[i] == EventContext.class) {
                    arguments[i] = Argument.CONTEXT;
                } else if (parameters[i] == ProjectionRows.class) {
                    arguments[i] = Argument.ROWS;
                } else {
                    throw new IllegalStateException(signature + ": parameter " + (i + 1) + " is a "
                            + parameters[i].getSimpleName() + "; after the event a projection's @EventHandler takes"
                            + " only EventContext and ProjectionRows");
                }
            }
            method.setAccessible(true);
            return new Handler(method, parameters[0], arguments);
        }

        void invoke(Object projection, Object payload, EventContext event, ProjectionRows rows) {
            Object[] values = new Object[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                values[i] = switch (arguments[i]) {
                    case PAYLOAD -> payload;
                    case CONTEXT -> event;
                    case ROWS -> rows;
                };
            }
            try {
                method.invoke(projection, values);
            } catch (InvocationTargetException e) {
                // The handler's own exception, unchanged: the dead-letter queue records it and the
                // policies look at its type (a warehouse failure fails the batch instead).
                throw ProjectionHandlers.<RuntimeException>rethrow(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot call " + method + ": " + e.getMessage(), e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }
}
