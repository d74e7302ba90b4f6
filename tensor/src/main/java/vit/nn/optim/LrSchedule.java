// SPDX-License-Identifier: MIT
package vit.nn.optim;

/**
 * The learning rate as a function of the step (counted from 0). The training loop asks for it before
 * each step: {@code optimizer.setLr(schedule.lr(step))}.
 */
@FunctionalInterface
public interface LrSchedule {
    double lr(long step);
}
