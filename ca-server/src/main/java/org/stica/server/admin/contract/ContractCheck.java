package org.stica.server.admin.contract;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;
import java.util.Optional;

/**
 * Validates each admin request against the {@link AdminContract} before any handler runs, with
 * vertx-openapi's {@link RequestValidator}: path, query and header parameters (type, pattern,
 * enum, range, format; required ones present) and the request body (present when required, a
 * media type the operation declares, valid against its JSON schema). A violation is a 400
 * {@code malformed} problem naming the parameter or the body's JSON pointer, 415 for a body of
 * another media type ({@link ContractViolation}); nothing is changed. Requests for operations the
 * document does not describe, and bodies of operations that declare none, pass unchanged (their
 * handlers validate).
 */
public final class ContractCheck {
    private final AdminContract contract;
    private final RequestValidator validator;

    public ContractCheck(Vertx vertx, AdminContract contract) {
        this.contract = contract;
        this.validator = RequestValidator.create(vertx, contract.openApi());
    }

    public void handle(RoutingContext ctx) {
        Optional<Operation> operation =
                contract.operation(ctx.request().method(), ctx.request().path());
        if (operation.isEmpty()) {
            ctx.next();
            return;
        }
        ContractRequest.of(ctx, operation.get())
                .compose(request -> validator.validate(request,
                        operation.get().getOperationId()))
                .onSuccess(validated -> ctx.next())
                .onFailure(failure -> ctx.fail(ContractViolation.problem(failure)));
    }
}
