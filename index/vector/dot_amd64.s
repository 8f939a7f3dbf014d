//go:build !purego

#include "textflag.h"

// func dotAVX2(a, b []float32) float32
// len(b) >= len(a); four 8-wide FMA accumulators over 32 floats a step,
// then 8 at a time, then one at a time.
TEXT ·dotAVX2(SB), NOSPLIT, $0-52
	MOVQ a_base+0(FP), SI
	MOVQ a_len+8(FP), CX
	MOVQ b_base+24(FP), DI
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3

loop32:
	CMPQ CX, $32
	JL   loop8
	VMOVUPS (SI), Y4
	VMOVUPS 32(SI), Y5
	VMOVUPS 64(SI), Y6
	VMOVUPS 96(SI), Y7
	VFMADD231PS (DI), Y4, Y0
	VFMADD231PS 32(DI), Y5, Y1
	VFMADD231PS 64(DI), Y6, Y2
	VFMADD231PS 96(DI), Y7, Y3
	ADDQ $128, SI
	ADDQ $128, DI
	SUBQ $32, CX
	JMP  loop32

loop8:
	CMPQ CX, $8
	JL   reduce
	VMOVUPS (SI), Y4
	VFMADD231PS (DI), Y4, Y0
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $8, CX
	JMP  loop8

reduce:
	VADDPS Y1, Y0, Y0
	VADDPS Y3, Y2, Y2
	VADDPS Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPS X1, X0, X0
	VHADDPS X0, X0, X0
	VHADDPS X0, X0, X0

loop1:
	CMPQ CX, $0
	JE   done
	VMOVSS (SI), X1
	VFMADD231SS (DI), X1, X0
	ADDQ $4, SI
	ADDQ $4, DI
	DECQ CX
	JMP  loop1

done:
	VZEROUPPER
	MOVSS X0, ret+48(FP)
	RET

// func dotI8AVX2(a, b []int8) int32
// len(b) >= len(a); int8 widened to int16 16 at a time, multiplied and
// summed pairwise into int32 (VPMADDWD), two accumulators over 32 a step.
TEXT ·dotI8AVX2(SB), NOSPLIT, $0-52
	MOVQ a_base+0(FP), SI
	MOVQ a_len+8(FP), CX
	MOVQ b_base+24(FP), DI
	VPXOR Y0, Y0, Y0
	VPXOR Y1, Y1, Y1

i8loop32:
	CMPQ CX, $32
	JL   i8loop16
	VPMOVSXBW (SI), Y2
	VPMOVSXBW (DI), Y3
	VPMADDWD Y3, Y2, Y2
	VPADDD Y2, Y0, Y0
	VPMOVSXBW 16(SI), Y4
	VPMOVSXBW 16(DI), Y5
	VPMADDWD Y5, Y4, Y4
	VPADDD Y4, Y1, Y1
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $32, CX
	JMP  i8loop32

i8loop16:
	CMPQ CX, $16
	JL   i8reduce
	VPMOVSXBW (SI), Y2
	VPMOVSXBW (DI), Y3
	VPMADDWD Y3, Y2, Y2
	VPADDD Y2, Y0, Y0
	ADDQ $16, SI
	ADDQ $16, DI
	SUBQ $16, CX

i8reduce:
	VPADDD Y1, Y0, Y0
	VEXTRACTI128 $1, Y0, X1
	VPADDD X1, X0, X0
	VPHADDD X0, X0, X0
	VPHADDD X0, X0, X0
	VMOVD X0, AX

i8loop1:
	CMPQ CX, $0
	JE   i8done
	MOVBQSX (SI), R8
	MOVBQSX (DI), R9
	IMULQ R9, R8
	ADDL R8, AX
	INCQ SI
	INCQ DI
	DECQ CX
	JMP  i8loop1

i8done:
	VZEROUPPER
	MOVL AX, ret+48(FP)
	RET

// func prefetchRows(base unsafe.Pointer, rows []int32, size int)
// Asks for every 64-byte line of each row (base + row*size, size bytes)
// to be brought into the caches; a prefetch never faults.
TEXT ·prefetchRows(SB), NOSPLIT, $0-40
	MOVQ base+0(FP), SI
	MOVQ rows_base+8(FP), DI
	MOVQ rows_len+16(FP), CX
	MOVQ size+32(FP), DX

pfrow:
	TESTQ CX, CX
	JE    pfdone
	MOVLQSX (DI), AX
	IMULQ DX, AX
	ADDQ  SI, AX
	XORQ  BX, BX

pfline:
	PREFETCHT0 (AX)(BX*1)
	ADDQ $64, BX
	CMPQ BX, DX
	JL   pfline
	ADDQ $4, DI
	DECQ CX
	JMP  pfrow

pfdone:
	RET

// func dotI8RowsAVX2(q []int8, base unsafe.Pointer, rows []int32, out []int32)
// out[j] = the int8 dot product of q and row rows[j] (len(q) bytes from
// base + rows[j]*len(q)); len(q) is a multiple of 32 and len(out) >=
// len(rows). One call for a node's neighbours, the sums as dotI8AVX2's.
TEXT ·dotI8RowsAVX2(SB), NOSPLIT, $0-80
	MOVQ q_base+0(FP), R8
	MOVQ q_len+8(FP), R9
	MOVQ base+24(FP), R10
	MOVQ rows_base+32(FP), R11
	MOVQ rows_len+40(FP), R12
	MOVQ out_base+56(FP), R13

rrow:
	TESTQ R12, R12
	JE    rdone
	MOVLQSX (R11), DI
	IMULQ R9, DI
	ADDQ  R10, DI
	MOVQ  R8, SI
	MOVQ  R9, CX
	VPXOR Y0, Y0, Y0
	VPXOR Y1, Y1, Y1

rloop32:
	VPMOVSXBW (SI), Y2
	VPMOVSXBW (DI), Y3
	VPMADDWD Y3, Y2, Y2
	VPADDD Y2, Y0, Y0
	VPMOVSXBW 16(SI), Y4
	VPMOVSXBW 16(DI), Y5
	VPMADDWD Y5, Y4, Y4
	VPADDD Y4, Y1, Y1
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $32, CX
	JNE  rloop32

	VPADDD Y1, Y0, Y0
	VEXTRACTI128 $1, Y0, X1
	VPADDD X1, X0, X0
	VPHADDD X0, X0, X0
	VPHADDD X0, X0, X0
	VMOVD X0, AX
	MOVL AX, (R13)
	ADDQ $4, R11
	ADDQ $4, R13
	DECQ R12
	JMP  rrow

rdone:
	VZEROUPPER
	RET
