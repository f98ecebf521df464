package org.odonata.verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import org.odonata.api.bundle.Rule;
import org.odonata.api.bundle.Violation;

/**
 * Reads one class file with Byte Buddy's ASM and reports every instruction that breaks a rule: calls and field
 * accesses {@link Forbidden} lists (including method references, which compile to {@code invokedynamic} or
 * {@code ldc} of a method handle), {@code monitorenter}, and {@code synchronized} methods.
 */
final class ClassScanner extends ClassVisitor {

    private static final int API = Opcodes.ASM9;

    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, int[]> offsets;
    private String className;

    private ClassScanner(Map<String, int[]> offsets) {
        super(API);
        this.offsets = offsets;
    }

    /** The violations in {@code classFile}, in method and offset order. */
    static List<Violation> scan(byte[] classFile) {
        ClassScanner scanner = new ClassScanner(InstructionOffsets.of(classFile));
        new ClassReader(classFile).accept(scanner, ClassReader.SKIP_FRAMES);
        return scanner.violations;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
            String[] interfaces) {
        className = name.replace('/', '.');
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
        String method = name + descriptor;
        if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            violations.add(new Violation(className, method, -1, Rule.SYNCHRONIZED, "synchronized method"));
        }
        return new Scan(method, offsets.getOrDefault(method, new int[0]));
    }

    /** Counts instructions as ASM visits them, so each is matched with its offset. */
    private final class Scan extends MethodVisitor {
        private final String method;
        private final int[] offsets;
        private int index = -1;

        Scan(String method, int[] offsets) {
            super(API);
            this.method = method;
            this.offsets = offsets;
        }

        private int next() {
            index++;
            return index < offsets.length ? offsets[index] : -1;
        }

        private void check(int offset, String owner, String name, String descriptor, String how) {
            Rule rule = Forbidden.member(owner, name, descriptor);
            if (rule != null) {
                violations.add(new Violation(className, method, offset, rule, how + owner.replace('/', '.')
                        + (name.equals("<init>") ? "" : "." + name) + (descriptor.startsWith("(") ? descriptor : "")));
            }
        }

        private void checkHandle(int offset, Object constant) {
            if (constant instanceof Handle h) {
                check(offset, h.getOwner(), h.getName(), h.getDesc(), "method reference ");
            }
        }

        @Override
        public void visitInsn(int opcode) {
            int offset = next();
            if (opcode == Opcodes.MONITORENTER) {
                violations.add(new Violation(className, method, offset, Rule.SYNCHRONIZED, "synchronized block"));
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean itf) {
            check(next(), owner, name, descriptor, name.equals("<init>") ? "new " : "");
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            check(next(), owner, name, descriptor, "field ");
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
            int offset = next();
            for (Object arg : args) {
                checkHandle(offset, arg);
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            checkHandle(next(), value);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            next();
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            next();
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            next();
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            next();
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            next();
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            next();
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            next();
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            next();
        }
    }
}
